/**
 * The scheduled checkpoint on the in-memory repository with the local file store and Ed25519 key: signed roots
 * over every chain head, each naming the one before; a partnership deleted is named and nothing is signed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileCheckpointSigner, FileCheckpointStore } from "#shared/adapters/file-checkpoints.ts";
import { InMemoryPartnershipRepository } from "#shared/adapters/in-memory-repository.ts";
import {
  type Checkpoint,
  checkpointBody,
  headProof,
  rootMatches,
  signatureValid,
  verifyHeadProof,
} from "#shared/domain/checkpoint.ts";
import { GENESIS_HASH, hashEvent, type LedgerEvent } from "#shared/domain/ledger.ts";
import type { EmailMessage } from "#shared/ports/mailer.ts";
import { makeCheckpoint } from "#shared/services/checkpoints.ts";
import { draft, partnership } from "../contract/repository-fixtures.ts";
import { OFFICE_CONFIG } from "../fixtures/onboarding-office.ts";

const A = "01JQ00000000000000000000AA";
const B = "01JQ00000000000000000000BB";
let dir: string;
let repository: InMemoryPartnershipRepository;
let sent: EmailMessage[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "partnerflow-checkpoints-"));
  repository = new InMemoryPartnershipRepository();
  sent = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const deps = () => ({
  repository,
  checkpoints: new FileCheckpointStore(dir),
  signer: new FileCheckpointSigner(dir),
  clock: { now: () => new Date("2026-12-06T02:00:00.000Z") },
  mailer: { send: async (m: EmailMessage) => void sent.push(m) },
  config: OFFICE_CONFIG,
});

async function withLedger(id: string, events: number) {
  await repository.createPartnership(partnership(id));
  await repository.beginLedger({ ...draft("IntakeSubmitted"), partnershipId: id });
  for (let i = 1; i < events; i++) await repository.appendEvent({ ...draft(`E${i}`), partnershipId: id });
}

describe("the scheduled checkpoint", () => {
  it("signs a Merkle root over every partnership's head; the signature, the root and each head's proof check out", async () => {
    await withLedger(A, 3);
    await withLedger(B, 2);
    const report = await makeCheckpoint(deps());
    expect(report).toMatchObject({ ok: true, number: 1, treeSize: 2, checked: 2 });
    const [checkpoint] = await deps().checkpoints.recent(100);
    if (!checkpoint) throw new Error("no checkpoint");
    expect(checkpoint.heads.map((h) => [h.partnershipId, h.seq])).toEqual([
      [A, 3],
      [B, 2],
    ]);
    expect(rootMatches(checkpoint)).toBe(true);
    expect(signatureValid(checkpoint, await deps().signer.publicKeyPem())).toBe(true);
    expect(signatureValid({ ...checkpoint, treeSize: 3 }, await deps().signer.publicKeyPem())).toBe(false);
    const proof = headProof(checkpoint, B);
    expect(proof && verifyHeadProof(checkpoint, proof)).toBe(true);
    expect(proof && verifyHeadProof(checkpoint, { ...proof, head: { ...proof.head, seq: 9 } })).toBe(false);
  });

  it("chains each checkpoint to the one before, and reads again only the chains that changed", async () => {
    await withLedger(A, 3);
    await withLedger(B, 2);
    const first = await makeCheckpoint(deps());
    await repository.appendEvent({ ...draft("Later"), partnershipId: A });
    const second = await makeCheckpoint(deps());
    expect(second).toMatchObject({ ok: true, number: 2, checked: 2 });
    const [, latest] = await deps().checkpoints.recent(100);
    expect(latest?.previousRootHash).toBe(first.ok ? first.rootHash : "");
    // The file is append-only: the first line is as it was written.
    expect(readFileSync(join(dir, "checkpoints.ndjson"), "utf8").split("\n")).toHaveLength(3);
  });

  it("names a partnership deleted since the last checkpoint, tells the office, and signs nothing", async () => {
    await withLedger(A, 3);
    await withLedger(B, 2);
    await makeCheckpoint(deps());
    repository.forget(B);
    const report = await makeCheckpoint(deps());
    expect(report).toEqual({
      ok: false,
      checked: 1,
      problems: [
        {
          partnershipId: B,
          seq: 2,
          reason: "the partnership is gone: checkpoint 1 signed its ledger up to event 2",
        },
      ],
    });
    expect(await deps().checkpoints.recent(100)).toHaveLength(1);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      [[OFFICE_CONFIG.OFFICE_EMAIL], "Ledger check failed: 1 partnership"],
    ]);
    expect(sent[0]?.text).toContain(`Partnership ${B}, event 2: the partnership is gone`);
  });

  it("refuses to go on from a last checkpoint that is not the office's: one put beside it is named, nothing signed", async () => {
    await withLedger(A, 2);
    await makeCheckpoint(deps());
    const [first] = await deps().checkpoints.recent(1);
    if (!first) throw new Error("no checkpoint");
    // A forged checkpoint 2 appended to the file (the key is not the office's).
    const forged = { ...first, number: 2, previousRootHash: first.rootHash, heads: [], treeSize: 0 };
    await deps().checkpoints.append(forged);
    const report = await makeCheckpoint(deps());
    expect(report).toMatchObject({
      ok: false,
      problems: [
        expect.objectContaining({
          seq: 2,
          reason: "checkpoint 2 is not signed by the office's key over its own root",
        }),
      ],
    });
  });

  it("names the checkpoint file edited in place: the newest line's heads changed, its root recomputed", async () => {
    await withLedger(A, 3);
    await makeCheckpoint(deps());
    await repository.appendEvent({ ...draft("E9"), partnershipId: A });
    await makeCheckpoint(deps());
    // The last line rewritten in place (not appended): A's head put back to event 3 and the root recomputed, as
    // one hiding an event removed since would.
    const file = join(dir, "checkpoints.ndjson");
    const [first, second] = readFileSync(file, "utf8").trimEnd().split("\n");
    const last = JSON.parse(second ?? "") as Checkpoint;
    const one = JSON.parse(first ?? "") as Checkpoint;
    const heads = one.heads;
    const edited = { ...last, heads, rootHash: checkpointBody(heads, one, last.at, last).rootHash };
    writeFileSync(file, `${first}\n${JSON.stringify(edited)}\n`);
    const report = await makeCheckpoint(deps());
    expect(report).toEqual({
      ok: false,
      checked: 1,
      problems: [
        {
          partnershipId: "(checkpoint)",
          seq: 2,
          reason: "checkpoint 2 is not signed by the office's key over its own root",
        },
      ],
    });
    expect(sent.at(-1)?.subject).toMatch(/^Ledger check failed/);
    expect(await deps().checkpoints.recent(5)).toHaveLength(2);
  });

  it("names the checkpoint before the last edited in place, even re-signed by another key: the last no longer follows it", async () => {
    await withLedger(A, 2);
    await makeCheckpoint(deps());
    await makeCheckpoint(deps());
    const file = join(dir, "checkpoints.ndjson");
    const [first, second] = readFileSync(file, "utf8").trimEnd().split("\n");
    const one = JSON.parse(first ?? "") as Checkpoint;
    // Checkpoint 1's time changed in place: its signature no longer checks out; and re-rooted over other heads,
    // checkpoint 2 no longer names its root.
    const moved = { ...one, at: "2026-01-01T00:00:00.000Z" };
    writeFileSync(file, `${JSON.stringify(moved)}\n${second}\n`);
    expect((await makeCheckpoint(deps())) as { problems: unknown[] }).toMatchObject({
      ok: false,
      problems: [{ seq: 1, reason: "checkpoint 1 is not signed by the office's key over its own root" }],
    });
    const reheaded = {
      ...one,
      heads: [],
      treeSize: 0,
      rootHash: checkpointBody([], undefined, one.at, one).rootHash,
    };
    writeFileSync(file, `${JSON.stringify(reheaded)}\n${second}\n`);
    expect((await makeCheckpoint(deps())) as { problems: unknown[] }).toMatchObject({
      ok: false,
      problems: [
        { seq: 1, reason: "checkpoint 1 is not signed by the office's key over its own root" },
        { seq: 2, reason: "checkpoint 2 does not follow checkpoint 1: one of them was replaced" },
      ],
    });
  });

  it("reads every chain, not only those META says changed: a chain rewritten with its META left is named", async () => {
    await withLedger(A, 4);
    await makeCheckpoint(deps());
    const events = await repository.listEvents(A);
    // Event 2 edited and every hash after it recomputed: the chain verifies on its own.
    const rewritten: LedgerEvent[] = [];
    for (const e of events) {
      const prev = rewritten.at(-1);
      const { hash: _, ...body } = {
        ...e,
        data: e.seq === 2 ? { edited: true } : e.data,
        prevHash: prev ? prev.hash : GENESIS_HASH,
      };
      rewritten.push({ ...body, hash: hashEvent(body) });
    }
    repository.rewriteLedger(A, rewritten);
    expect(await makeCheckpoint(deps())).toMatchObject({
      ok: false,
      problems: [
        expect.objectContaining({
          partnershipId: A,
          seq: 4,
          reason: expect.stringMatching(/chain was rewritten/),
        }),
      ],
    });
    // And with its META rewritten too: the event the last checkpoint signed is not there any more.
    const last = rewritten.at(-1) as LedgerEvent;
    repository.rewriteLedger(A, rewritten, { seq: last.seq, hash: last.hash });
    expect(await makeCheckpoint(deps())).toMatchObject({
      ok: false,
      problems: [
        expect.objectContaining({
          partnershipId: A,
          seq: 4,
          reason: "it is not the event checkpoint 1 signed: the chain was rewritten",
        }),
      ],
    });
  });

  it("names a chain cut short since the checkpoint, its META moved back to match", async () => {
    await withLedger(A, 4);
    await makeCheckpoint(deps());
    const events = (await repository.listEvents(A)).slice(0, 2);
    const last = events.at(-1) as LedgerEvent;
    repository.rewriteLedger(A, events, { seq: last.seq, hash: last.hash });
    // The in-memory head only moves forward on appends; the tamper set it back, as a write to META would.
    expect(await makeCheckpoint(deps())).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([
        expect.objectContaining({
          partnershipId: A,
          seq: 3,
          reason: expect.stringMatching(/signed it up to event 4/),
        }),
      ]),
    });
  });

  it("keeps one key: a second signer on the same directory signs with the same key", async () => {
    const first = new FileCheckpointSigner(dir);
    const second = new FileCheckpointSigner(dir);
    expect(second.keyId).toBe(first.keyId);
    expect(await second.publicKeyPem()).toBe(await first.publicKeyPem());
  });
});
