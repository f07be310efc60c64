/**
 * Where documents live in the evidence store: every object is addressed by its partnership and the SHA-256 of
 * its bytes, so the same bytes are stored once and a key never names two contents. Pure.
 */

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Partnership ids are ULID-like or UUID-like: letters, digits and hyphens only, so they are one key segment. */
const ID = /^[A-Za-z0-9-]{1,64}$/;

function check(partnershipId: string, sha256: string, version?: number): void {
  if (!ID.test(partnershipId)) throw new RangeError("A partnership id must be letters, digits and hyphens");
  if (!SHA256_HEX.test(sha256)) throw new RangeError("A document's SHA-256 must be 64 lowercase hex digits");
  if (version !== undefined && (!Number.isInteger(version) || version < 1))
    throw new RangeError("A version must be a whole number, one or more");
}

/** A vetting evidence document: `evidence/<partnershipId>/<sha256>`. */
export function evidenceKey(partnershipId: string, sha256: string): string {
  check(partnershipId, sha256);
  return `evidence/${partnershipId}/${sha256}`;
}

/** Agreement version n, rendered as PDF: `agreements/<partnershipId>/v<n>-<sha256>.pdf`. */
export function agreementKey(partnershipId: string, version: number, sha256: string): string {
  check(partnershipId, sha256, version);
  return `agreements/${partnershipId}/v${version}-${sha256}.pdf`;
}

/** The completion certificate of agreement version n, as PDF: `certificates/<partnershipId>/v<n>-<sha256>.pdf`. */
export function certificateKey(partnershipId: string, version: number, sha256: string): string {
  check(partnershipId, sha256, version);
  return `certificates/${partnershipId}/v${version}-${sha256}.pdf`;
}
