/** The offline check of an audit packet: each way a packet can be wrong is named, and a good one passes. */
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type AuditPacket, PACKET_FORMAT, verifyPacket } from "#shared/domain/audit-packet.ts";
import { type Checkpoint, checkpointBody, headProof, signingBytes } from "#shared/domain/checkpoint.ts";
import { chainEvent, type LedgerEvent } from "#shared/domain/ledger.ts";
import type { EventType } from "#shared/events/registry.ts";

const P = "01JQ00000000000000000000AA";
const Q = "01JQ00000000000000000000BB";
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const pem = String(publicKey.export({ type: "spki", format: "pem" }));

function chain(id: string, n: number, edit?: number): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (let i = 1; i <= n; i++)
    events.push(
      chainEvent(events.at(-1), {
        partnershipId: id,
        at: `2026-12-01T10:00:0${i}.000Z`,
        actor: "system",
        type: `E${i}` as EventType,
        data: i === edit ? { i, edited: true } : { i },
      }),
    );
  return events;
}

const content = Buffer.from("the agreement's PDF");
const contentSha = createHash("sha256").update(content).digest("hex");

function packet(): AuditPacket {
  // Three events, then the agreement's issue, which names the document the packet carries inline.
  const first = chain(P, 3);
  const events = [
    ...first,
    chainEvent(first.at(-1), {
      partnershipId: P,
      at: "2026-12-01T10:00:04.000Z",
      actor: "system",
      type: "AgreementIssued",
      data: { version: 1, sha256: contentSha },
    }),
  ];
  const other = chain(Q, 2);
  const headOf = (e: LedgerEvent[]) => ({
    partnershipId: e[0]?.partnershipId ?? "",
    seq: e.length,
    hash: e.at(-1)?.hash ?? "",
  });
  const body = checkpointBody(
    [headOf(events.slice(0, 3)), headOf(other)],
    undefined,
    "2026-12-02T00:00:00.000Z",
    {
      keyId: "ed25519:test",
      algorithm: "Ed25519",
    },
  );
  const checkpoint: Checkpoint = {
    ...body,
    signature: sign(null, signingBytes(body), privateKey).toString("base64"),
  };
  return {
    format: PACKET_FORMAT,
    exportedAt: "2026-12-03T00:00:00.000Z",
    partnershipId: P,
    events,
    head: { seq: 4, hash: events[3]?.hash ?? "" },
    documents: [{ kind: "agreement", sha256: contentSha, version: 1, content: content.toString("base64") }],
    checkpoint,
    checkpointProof: headProof(checkpoint, P) ?? null,
    publicKey: { keyId: "ed25519:test", algorithm: "Ed25519", pem },
  };
}

describe("verifyPacket", () => {
  it("passes a good packet: the chain, its head, the checkpoint (signed at event 3) and its proof, the document", () => {
    expect(verifyPacket(packet())).toEqual({
      ok: true,
      events: 4,
      headSeq: 4,
      checkpoint: 1,
      checkpointedSeq: 3,
      documents: 1,
      inline: 1,
      key: "the packet's key ed25519:test",
    });
    expect(verifyPacket(packet(), pem)).toMatchObject({ ok: true, key: "the key given" });
    expect(verifyPacket({ ...packet(), checkpoint: null, checkpointProof: null })).toMatchObject({
      ok: true,
      checkpoint: null,
      checkpointedSeq: null,
    });
  });

  it("fails a packet no checkpoint holds when the auditor gives a key: nothing in it is signed by that key", () => {
    expect(verifyPacket({ ...packet(), checkpoint: null, checkpointProof: null }, pem)).toEqual({
      ok: false,
      failure:
        "no checkpoint holds this packet yet, so nothing in it is signed by the key given: download it again after the next checkpoint",
    });
  });

  it.each<[string, (p: AuditPacket) => AuditPacket, string]>([
    [
      "another format",
      (p) => ({ ...p, format: "x" as typeof PACKET_FORMAT }),
      "not an audit packet of format",
    ],
    [
      "an event edited",
      (p) => ({ ...p, events: p.events.map((e) => (e.seq === 2 ? { ...e, data: { i: 9 } } : e)) }),
      "event 2: its content does not match its hash",
    ],
    [
      "the newest event removed",
      (p) => ({ ...p, events: p.events.slice(0, 3) }),
      "event 4: the ledger ends at event 3",
    ],
    [
      "a checkpoint edited",
      (p) => ({ ...p, checkpoint: p.checkpoint && { ...p.checkpoint, at: "2027-01-01T00:00:00.000Z" } }),
      "checkpoint 1: its signature does not check out with the packet's key",
    ],
    [
      "no proof",
      (p) => ({ ...p, checkpointProof: null }),
      "checkpoint 1: no inclusion proof for this partnership",
    ],
    [
      "a proof that leads elsewhere",
      (p) => ({
        ...p,
        checkpointProof: p.checkpointProof && { ...p.checkpointProof, proof: ["00".repeat(32)] },
      }),
      "the inclusion proof of event 3 does not lead to its root",
    ],
    [
      "a document whose content is not its hash",
      (p) => ({ ...p, documents: [{ kind: "agreement", sha256: "ab".repeat(32), content: "eA==" }] }),
      `document agreement ${"ab".repeat(32)}: the ledger names no document with this SHA-256`,
    ],
    [
      "an inline document edited after export",
      (p) => ({
        ...p,
        documents: p.documents.map((d) => ({
          ...d,
          content: Buffer.from("the agreement's PDF, edited").toString("base64"),
        })),
      }),
      `document agreement v1 ${contentSha}: its content has SHA-256 `,
    ],
    [
      "an inline document swapped for another, with its hash to match",
      (p) => {
        const other = Buffer.from("another PDF");
        const sha256 = createHash("sha256").update(other).digest("hex");
        return {
          ...p,
          documents: [{ kind: "agreement", sha256, version: 1, content: other.toString("base64") }],
        };
      },
      "the ledger names no document with this SHA-256",
    ],
  ])("names %s", (_what, change, failure) => {
    const result = verifyPacket(change(packet()));
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.failure).toContain(failure);
  });

  it("names a chain rewritten since the checkpoint, even with its own head and hashes recomputed", () => {
    const good = packet();
    // A whole new chain of the same length: it verifies on its own, and its head is anchored as its own.
    const rewritten = chain(P, 5, 2);
    const forged = { ...good, events: rewritten, head: { seq: 5, hash: rewritten[4]?.hash ?? "" } };
    expect(verifyPacket(forged)).toEqual({
      ok: false,
      failure: "event 3: it is not the event the checkpoint signed: the chain was rewritten",
    });
  });

  it("does not take the packet's word for its key when the auditor gives one", () => {
    const other = String(generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }));
    expect(verifyPacket(packet(), other)).toEqual({
      ok: false,
      failure: "checkpoint 1: its signature does not check out with the key given",
    });
  });
});
