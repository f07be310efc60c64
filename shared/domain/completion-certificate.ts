/**
 * The completion certificate: binds the signed agreement's SHA-256 to the evidence of both signatures (the
 * partner's signatory, then the countersigning officer). It is refused when a signature was made over another
 * document (a changed agreement voids a signature), or when a party's signature is missing. Its JSON form is
 * canonical (shared/domain/canonical-json.ts), so its own hash is stable; its text (certificateDocument) is
 * what its HTML view and its PDF are made from.
 */
import type { AgreementDocument, AgreementSection } from "./agreement.ts";
import { canonicalJson } from "./canonical-json.ts";
import { DomainError } from "./errors.ts";
import { sha256Hex } from "./sha256.ts";

export type SignatoryRole = "partner" | "office";

export interface SignatureEvidence {
  readonly role: SignatoryRole;
  /** The full name as typed when signing. */
  readonly name: string;
  readonly title?: string | undefined;
  readonly email: string;
  /** ISO 8601, UTC. */
  readonly signedAt: string;
  readonly ip: string;
  readonly userAgent: string;
  /** The SHA-256 of the document the signatory was shown and signed. */
  readonly documentSha256: string;
  /** The partner's consent to do business electronically; the office's officers have given theirs once. */
  readonly consentToElectronicRecords?: boolean | undefined;
}

export interface CertificateInput {
  readonly partnershipId: string;
  readonly agreementVersion: number;
  /** The SHA-256 of the agreement's PDF. */
  readonly documentSha256: string;
  readonly templateVersion: string;
  readonly signatures: readonly SignatureEvidence[];
  /** ISO 8601, UTC: when the countersignature completed the agreement. */
  readonly completedAt: string;
}

export const CERTIFICATE_FORMAT = "partnerflow-completion-certificate/1";

export interface CompletionCertificate {
  readonly format: typeof CERTIFICATE_FORMAT;
  readonly partnershipId: string;
  readonly agreementVersion: number;
  readonly templateVersion: string;
  readonly documentSha256: string;
  readonly completedAt: string;
  /** The partner's signature, then the office's countersignature. */
  readonly signatures: readonly SignatureEvidence[];
}

/** A signature was made over a document other than the one being certified. */
export class SignatureHashMismatchError extends DomainError {
  override readonly name = "SignatureHashMismatchError";
}

/** A party's signature is missing or given twice, or the partner's lacks its consent to electronic records. */
export class IncompleteSignaturesError extends DomainError {
  override readonly name = "IncompleteSignaturesError";
}

const ROLES: readonly SignatoryRole[] = ["partner", "office"];

/** Only the evidence's own fields, so that the certificate carries nothing a caller's object happened to hold. */
function evidence(s: SignatureEvidence): SignatureEvidence {
  return {
    role: s.role,
    name: s.name,
    ...(s.title !== undefined ? { title: s.title } : {}),
    email: s.email,
    signedAt: s.signedAt,
    ip: s.ip,
    userAgent: s.userAgent,
    documentSha256: s.documentSha256,
    ...(s.consentToElectronicRecords !== undefined
      ? { consentToElectronicRecords: s.consentToElectronicRecords }
      : {}),
  };
}

export function completionCertificate(input: CertificateInput): CompletionCertificate {
  const documentSha256 = input.documentSha256.toLowerCase();
  for (const s of input.signatures)
    if (s.documentSha256.toLowerCase() !== documentSha256)
      throw new SignatureHashMismatchError(
        `The ${s.role}'s signature is over document ${s.documentSha256}, not ${documentSha256}`,
      );
  const signatures = ROLES.map((role) => {
    const found = input.signatures.filter((s) => s.role === role);
    const [only] = found;
    if (found.length !== 1 || !only)
      throw new IncompleteSignaturesError(
        `A completion certificate needs one ${role} signature; it was given ${found.length}`,
      );
    return only;
  });
  if (input.signatures.length !== ROLES.length)
    throw new IncompleteSignaturesError(`A signature has a role other than ${ROLES.join(" or ")}`);
  if (signatures[0]?.consentToElectronicRecords !== true)
    throw new IncompleteSignaturesError("The partner's signature lacks its consent to electronic records");
  return {
    format: CERTIFICATE_FORMAT,
    partnershipId: input.partnershipId,
    agreementVersion: input.agreementVersion,
    templateVersion: input.templateVersion,
    documentSha256,
    completedAt: input.completedAt,
    signatures: signatures.map((s) => evidence({ ...s, documentSha256: s.documentSha256.toLowerCase() })),
  };
}

/** The certificate's canonical JSON: sorted keys, no whitespace. */
export function certificateJson(cert: CompletionCertificate): string {
  return canonicalJson(cert);
}

/** The SHA-256 of the certificate's canonical JSON. */
export function certificateSha256(cert: CompletionCertificate): string {
  return sha256Hex(certificateJson(cert));
}

/** "2026-12-10 15:04:05 UTC": an instant as a certificate prints it, the same on every machine. */
export function utcWords(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

const PARTY: Record<SignatoryRole, string> = {
  partner: "Signed for the Partner",
  office: "Countersigned for the Office",
};

function signatureSection(s: SignatureEvidence): AgreementSection {
  return {
    heading: PARTY[s.role],
    paragraphs: [
      `Name: ${s.name}`,
      ...(s.title !== undefined ? [`Title: ${s.title}`] : []),
      `Email: ${s.email}`,
      `Signed at: ${utcWords(s.signedAt)}`,
      `IP address: ${s.ip}`,
      `User agent: ${s.userAgent}`,
      `Document SHA-256 signed: ${s.documentSha256}`,
      ...(s.consentToElectronicRecords !== undefined
        ? [
            `Consent to electronic records: ${s.consentToElectronicRecords ? "given" : "not given (paper process)"}`,
          ]
        : []),
    ],
  };
}

/** The certificate as text with headed sections: what its page and its PDF show. */
export function certificateDocument(cert: CompletionCertificate): AgreementDocument {
  return {
    title: "Completion certificate",
    sections: [
      {
        heading: "Agreement",
        paragraphs: [
          `Partnership: ${cert.partnershipId}`,
          `Agreement version: ${cert.agreementVersion}`,
          `Template: ${cert.templateVersion}`,
          `Document SHA-256: ${cert.documentSha256}`,
          `Completed at: ${utcWords(cert.completedAt)}`,
        ],
      },
      ...cert.signatures.map(signatureSection),
      {
        heading: "What this certificate shows",
        paragraphs: [
          "Both signatures above were made over the agreement whose SHA-256 is given here. Anyone can check a copy of the agreement's PDF by computing its SHA-256 and comparing it with this one.",
          `The certificate's own data, as canonical JSON, has SHA-256 ${certificateSha256(cert)}.`,
        ],
      },
    ],
  };
}
