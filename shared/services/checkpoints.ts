/**
 * The scheduled checkpoint (at least daily): first checks the last checkpoint (its signature and root), then
 * every chain against it (each still verifies against its head, still holds the event the checkpoint signed,
 * and no partnership is gone or cut short), then signs a Merkle root over every partnership's head and keeps it. The first failure is an
 * error line naming the partnership and the event (the alarm on AWS) and an email to the office; nothing is
 * signed over a ledger that does not check out.
 */
import {
  type ChainHead,
  type Checkpoint,
  type CheckpointProblem,
  checkpointBody,
  headsAgainstCheckpoint,
  rootMatches,
  signatureValid,
  signingBytes,
} from "../domain/checkpoint.ts";
import { verifyAnchored } from "../domain/ledger.ts";
import { log } from "../http/log.ts";
import type { CheckpointSigner, CheckpointStore } from "../ports/checkpoints.ts";
import { emails, officeOf } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";

export interface CheckpointDeps extends Needs<"repository" | "clock" | "mailer" | "config"> {
  readonly checkpoints: CheckpointStore;
  readonly signer: CheckpointSigner;
}

export type CheckpointReport =
  | { ok: true; number: number; treeSize: number; rootHash: string; checked: number }
  | { ok: false; problems: CheckpointProblem[]; checked: number };

/** How many chains are read at once. */
const READ_AT_ONCE = 8;

export async function makeCheckpoint(deps: CheckpointDeps): Promise<CheckpointReport> {
  // The last two: the last is what this one goes on from, and it must follow the one before it.
  const [before, previous] = await lastTwo(deps.checkpoints);
  const problems: CheckpointProblem[] = [];
  // The last checkpoint is checked too: one put beside it, or one hidden, must not become what we trust; and
  // the one before, with the link between them, so that one edited in place is named too.
  const pem = previous ? await deps.signer.publicKeyPem() : "";
  for (const checkpoint of [before, previous])
    if (checkpoint && !(rootMatches(checkpoint) && signatureValid(checkpoint, pem)))
      problems.push({
        partnershipId: "(checkpoint)",
        seq: checkpoint.number,
        reason: `checkpoint ${checkpoint.number} is not signed by the office's key over its own root`,
      });
  if (
    before &&
    previous &&
    (previous.number !== before.number + 1 || previous.previousRootHash !== before.rootHash)
  )
    problems.push({
      partnershipId: "(checkpoint)",
      seq: previous.number,
      reason: `checkpoint ${previous.number} does not follow checkpoint ${before.number}: one of them was replaced`,
    });
  const heads = (await deps.repository.listLedgerHeads()).map(
    (h): ChainHead => ({ partnershipId: h.partnershipId, seq: h.seq, hash: h.hash }),
  );
  const now = new Map(heads.map((h) => [h.partnershipId, h]));
  if (previous) {
    // The index is read eventually consistent, stage by stage: a partnership that moved stage meanwhile may be
    // in neither. Its META, read consistently, settles whether it is gone.
    for (const signed of previous.heads)
      if (!now.has(signed.partnershipId)) {
        const head = await deps.repository.getLedgerHead(signed.partnershipId);
        if (head) {
          now.set(signed.partnershipId, { partnershipId: signed.partnershipId, ...head });
          heads.push({ partnershipId: signed.partnershipId, ...head });
        }
      }
    problems.push(...headsAgainstCheckpoint(previous, now));
  }
  const signed = new Map((previous?.heads ?? []).map((h) => [h.partnershipId, h]));
  // Every chain is read and checked whole, not only those whose META says they changed: META is in the same
  // table as the events, so a chain rewritten with its META left as it was must be seen too.
  for (let i = 0; i < heads.length; i += READ_AT_ONCE)
    await Promise.all(
      heads.slice(i, i + READ_AT_ONCE).map(async (head) => {
        const events = await deps.repository.listEvents(head.partnershipId);
        const check = verifyAnchored(events, head);
        if (!check.ok) {
          problems.push({ partnershipId: head.partnershipId, seq: check.firstBadSeq, reason: check.reason });
          return;
        }
        const was = signed.get(head.partnershipId);
        if (was && events.find((e) => e.seq === was.seq)?.hash !== was.hash)
          problems.push({
            partnershipId: head.partnershipId,
            seq: was.seq,
            reason: `it is not the event checkpoint ${previous?.number} signed: the chain was rewritten`,
          });
      }),
    );
  if (problems.length > 0) {
    for (const problem of problems) log("error", "ledger check failed", { ...problem });
    await deps.mailer.send(
      emails.ledgerCheckFailed(officeOf(deps.config), deps.config.OFFICE_EMAIL, problems),
    );
    return { ok: false, problems, checked: heads.length };
  }
  const body = checkpointBody(heads, previous, deps.clock.now().toISOString(), deps.signer);
  const checkpoint: Checkpoint = { ...body, signature: await deps.signer.sign(signingBytes(body)) };
  await deps.checkpoints.append(checkpoint);
  return {
    ok: true,
    number: checkpoint.number,
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash,
    checked: heads.length,
  };
}

/** The checkpoint before the last, and the last (either undefined when there are fewer). */
async function lastTwo(store: CheckpointStore): Promise<[Checkpoint | undefined, Checkpoint | undefined]> {
  const recent = await store.recent(2);
  return recent.length === 2 ? [recent[0], recent[1]] : [undefined, recent[0]];
}
