/**
 * The scheduled checkpoint (at least daily): first checks every chain that changed since the last checkpoint
 * against it (each still verifies, still holds the event the checkpoint signed, and no partnership is gone or
 * cut short), then signs a Merkle root over every partnership's head and keeps it. The first failure is an
 * error line naming the partnership and the event (the alarm on AWS) and an email to the office; nothing is
 * signed over a ledger that does not check out.
 */
import {
  type ChainHead,
  type Checkpoint,
  type CheckpointProblem,
  checkpointBody,
  headsAgainstCheckpoint,
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

export async function makeCheckpoint(deps: CheckpointDeps): Promise<CheckpointReport> {
  const previous = await deps.checkpoints.latest();
  const heads = (await deps.repository.listLedgerHeads()).map(
    (h): ChainHead => ({ partnershipId: h.partnershipId, seq: h.seq, hash: h.hash }),
  );
  const now = new Map(heads.map((h) => [h.partnershipId, h]));
  const problems: CheckpointProblem[] = previous ? headsAgainstCheckpoint(previous, now) : [];
  const signed = new Map((previous?.heads ?? []).map((h) => [h.partnershipId, h]));
  // Each chain that changed since the checkpoint (or is new) is read and checked whole.
  const changed = heads.filter((h) => {
    const was = signed.get(h.partnershipId);
    return !was || was.seq !== h.seq || was.hash !== h.hash;
  });
  for (const head of changed) {
    const events = await deps.repository.listEvents(head.partnershipId);
    const check = verifyAnchored(events, head);
    if (!check.ok) {
      problems.push({ partnershipId: head.partnershipId, seq: check.firstBadSeq, reason: check.reason });
      continue;
    }
    const was = signed.get(head.partnershipId);
    if (was && events.find((e) => e.seq === was.seq)?.hash !== was.hash)
      problems.push({
        partnershipId: head.partnershipId,
        seq: was.seq,
        reason: `it is not the event checkpoint ${previous?.number} signed: the chain was rewritten`,
      });
  }
  if (problems.length > 0) {
    for (const problem of problems) log("error", "ledger check failed", { ...problem });
    await deps.mailer.send(
      emails.ledgerCheckFailed(officeOf(deps.config), deps.config.OFFICE_EMAIL, problems),
    );
    return { ok: false, problems, checked: changed.length };
  }
  const body = checkpointBody(heads, previous, deps.clock.now().toISOString(), deps.signer);
  const checkpoint: Checkpoint = { ...body, signature: await deps.signer.sign(signingBytes(body)) };
  await deps.checkpoints.append(checkpoint);
  return {
    ok: true,
    number: checkpoint.number,
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash,
    checked: changed.length,
  };
}
