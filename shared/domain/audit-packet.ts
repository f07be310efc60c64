/**
 * The audit packet: one JSON file with a partnership's whole ledger, its anchored head, the documents it names
 * (by SHA-256; inline on request), and the latest checkpoint with the proof that this ledger's head is in it.
 * verifyPacket checks it offline, with no AWS and no server: the chain, its head, the checkpoint's signature (by
 * a key the auditor already trusts, when given: a packet cannot vouch for itself), the inclusion proof, that the
 * ledger still holds the event the checkpoint signed, and each inline document's hash.
 */
import { createHash } from "node:crypto";
import {
  type ChainHead,
  type Checkpoint,
  rootMatches,
  signatureValid,
  verifyHeadProof,
} from "./checkpoint.ts";
import { type LedgerEvent, verifyAnchored } from "./ledger.ts";
import { documentsNamed } from "./packet-documents.ts";

export const PACKET_FORMAT = "partnerflow-audit-packet/1";

export interface AuditPacket {
  readonly format: typeof PACKET_FORMAT;
  readonly exportedAt: string;
  readonly partnershipId: string;
  readonly events: readonly LedgerEvent[];
  /** The head the partnership's META anchored. */
  readonly head: { seq: number; hash: string } | null;
  /**
   * The documents the ledger names (packet-documents.ts): the agreement's versions and certificates, evidence;
   * with `content` (base64 of the stored bytes) when asked for inline.
   */
  readonly documents: readonly { kind: string; sha256: string; version?: number; content?: string }[];
  readonly checkpoint: Checkpoint | null;
  readonly checkpointProof: { head: ChainHead; index: number; proof: readonly string[] } | null;
  /** The key the checkpoint service signs with, as the exporter saw it. */
  readonly publicKey: { keyId: string; algorithm: string; pem: string } | null;
}

export type PacketVerification =
  | {
      ok: true;
      events: number;
      headSeq: number;
      checkpoint: number | null;
      /** The newest event the checkpoint signed (the events after it are checked by the chain alone); null: none. */
      checkpointedSeq: number | null;
      documents: number;
      /** How many documents were inline, each checked against the SHA-256 the ledger records. */
      inline: number;
      key: string;
    }
  | { ok: false; failure: string };

export function verifyPacket(packet: AuditPacket, trustedKeyPem?: string): PacketVerification {
  const fail = (failure: string): PacketVerification => ({ ok: false, failure });
  if (packet.format !== PACKET_FORMAT) return fail(`not an audit packet of format ${PACKET_FORMAT}`);
  if (packet.events.some((e) => e.partnershipId !== packet.partnershipId))
    return fail("the packet holds events of another partnership");
  const chain = verifyAnchored(packet.events, packet.head ?? undefined);
  if (!chain.ok) return fail(`event ${chain.firstBadSeq}: ${chain.reason}`);

  let checkpointNumber: number | null = null;
  let checkpointedSeq: number | null = null;
  let key = "no checkpoint";
  const { checkpoint, checkpointProof: proof } = packet;
  // A key given is the auditor's own trust: a packet no checkpoint holds has nothing signed by it, and a packet
  // rewritten whole, hashes and head recomputed, would pass on its chain alone.
  if (!checkpoint && trustedKeyPem)
    return fail(
      "no checkpoint holds this packet yet, so nothing in it is signed by the key given: download it again after the next checkpoint",
    );
  if (checkpoint) {
    const pem = trustedKeyPem ?? packet.publicKey?.pem;
    if (!pem) return fail(`checkpoint ${checkpoint.number}: no public key to check its signature`);
    if (!signatureValid(checkpoint, pem))
      return fail(
        `checkpoint ${checkpoint.number}: its signature does not check out with ${trustedKeyPem ? "the key given" : "the packet's key"}`,
      );
    if (!rootMatches(checkpoint))
      return fail(`checkpoint ${checkpoint.number}: its root is not the root of its heads`);
    if (!proof || proof.head.partnershipId !== packet.partnershipId)
      return fail(`checkpoint ${checkpoint.number}: no inclusion proof for this partnership`);
    if (!verifyHeadProof(checkpoint, proof))
      return fail(
        `checkpoint ${checkpoint.number}: the inclusion proof of event ${proof.head.seq} does not lead to its root`,
      );
    const signed = packet.events.find((e) => e.seq === proof.head.seq);
    if (!signed || signed.hash !== proof.head.hash)
      return fail(
        `event ${proof.head.seq}: ${signed ? "it is not the event the checkpoint signed: the chain was rewritten" : "the ledger no longer holds the event the checkpoint signed"}`,
      );
    checkpointNumber = checkpoint.number;
    checkpointedSeq = proof.head.seq;
    key = trustedKeyPem ? "the key given" : `the packet's key ${packet.publicKey?.keyId ?? ""}`.trim();
  }
  // An inline document must be one the ledger names, and its bytes must hash to what the ledger records.
  const named = new Set(documentsNamed(packet.events).map((d) => d.sha256));
  let inline = 0;
  for (const doc of packet.documents)
    if (doc.content !== undefined) {
      const name = `document ${doc.kind}${doc.version ? ` v${doc.version}` : ""} ${doc.sha256}`;
      if (!named.has(doc.sha256)) return fail(`${name}: the ledger names no document with this SHA-256`);
      const actual = createHash("sha256").update(Buffer.from(doc.content, "base64")).digest("hex");
      if (actual !== doc.sha256)
        return fail(`${name}: its content has SHA-256 ${actual}, not the one the ledger records`);
      inline++;
    }
  return {
    ok: true,
    events: packet.events.length,
    headSeq: packet.events.at(-1)?.seq ?? 0,
    checkpoint: checkpointNumber,
    checkpointedSeq,
    documents: packet.documents.length,
    inline,
    key,
  };
}
