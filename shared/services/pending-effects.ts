/** Completes what a workflow step still owes after its state write (see domain/pending-effects.ts). */

import { PartnershipNotFoundError } from "../domain/errors.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import type { Partnership } from "../domain/partnership.ts";
import type { Notice, PendingEffects, PendingSlot } from "../domain/pending-effects.ts";
import type { Needs } from "./dependencies.ts";

/** The partnership, with whatever an earlier step left owing completed first, and where its ledger was. */
export interface Settled {
  partnership: Partnership;
  /** The seq of the ledger's head as read: effects owed from now on go after it. */
  seenSeq: number;
  /** That head, if nothing has been appended since it was read. */
  head: LedgerEvent | undefined;
}

/** How far a settle got, for a caller that must say what is still owed when it fails. */
export interface SettleProgress {
  eventsAppended?: boolean;
  noticeSent?: boolean;
}

/** Sends the email a notice owes; only steps that owe notices are given one (the assessment owes none). */
export type Notify = (p: Partnership, notice: Notice) => Promise<void>;

export type SettleDeps = Needs<"repository"> & { readonly notify?: Notify | undefined };

/** The partnership and the newest event of its ledger, in one read; no partnership when there is none. */
export async function readWithHead(
  deps: Needs<"repository">,
  id: string,
): Promise<{ partnership: Partnership | undefined; head: LedgerEvent | undefined }> {
  const { partnership, tail } = await deps.repository.getPartnershipWithTail(id, 1);
  return { partnership, head: tail.at(-1) };
}

/** The partnership a workflow step works on, settled (loadSettled); a missing one is a named error. */
export async function settled(deps: SettleDeps, id: string): Promise<Settled> {
  const found = await loadSettled(deps, id);
  if (!found) throw new PartnershipNotFoundError(`No partnership ${id}`);
  return found;
}

/**
 * Reads the partnership with its ledger's head in one query, and completes what an earlier attempt of a step
 * still owes (see settle). Undefined when there is no such partnership.
 */
export async function loadSettled(deps: SettleDeps, id: string): Promise<Settled | undefined> {
  const { partnership: p, head } = await readWithHead(deps, id);
  if (!p) return undefined;
  const seenSeq = head?.seq ?? 0;
  if (!p.pending) return { partnership: p, seenSeq, head };
  await settle(deps, p, "pending", p.pending, head);
  return { partnership: { ...p, pending: undefined }, seenSeq, head: undefined };
}

/**
 * Pays effects owed: appends those of their events the ledger does not have since they were written (never
 * one twice, even with another attempt running at the same time), sends the notice (perhaps twice), then
 * clears them. A failure on the way leaves them owed, for the next attempt. `head`, the ledger's head if just
 * read, saves reading it.
 */
export async function settle(
  deps: SettleDeps,
  p: Partnership,
  slot: PendingSlot,
  pending: PendingEffects,
  head?: LedgerEvent,
  progress: SettleProgress = {},
): Promise<void> {
  // Effects written before `afterSeq` existed are looked for in the whole ledger.
  await deps.repository.appendEventsOnce(pending.events, pending.afterSeq ?? 0, head);
  progress.eventsAppended = true;
  if (pending.notice) {
    // Only the assessment step has no notifier, and no step before it owes a notice.
    if (!deps.notify) throw new Error(`This step cannot send the pending ${pending.notice.kind} notice`);
    await deps.notify(p, pending.notice);
  }
  progress.noticeSent = true;
  await deps.repository.clearPending(p.id, slot, pending.id);
}
