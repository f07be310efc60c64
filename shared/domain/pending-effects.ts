/**
 * What a workflow step still owes once its state write is done: the ledger events that record the change, and
 * the notice to send about it. The step stores them on the partnership in that same write (DynamoDB has no
 * transaction here: dynalite has none) and clears them once they are done. A step that fails in between, or
 * whose answer is lost so that Step Functions runs it again, leaves them there; the next attempt, or the
 * failure step, completes them first. So no state change goes unrecorded, and no notice is lost: each is sent
 * at least once.
 */
import { canonicalJson } from "./canonical-json.ts";
import type { EventDraft, LedgerEvent } from "./ledger.ts";

/** An email a step owes, named by what it says; rendered when sent, so no link or address is stored twice. */
export type Notice =
  | { kind: "approved" }
  | { kind: "declined"; comment: string }
  | { kind: "expired" }
  | { kind: "failure"; error: string };

export interface PendingEffects {
  /** Unique per state write, so that clearing it cannot clear a later step's effects. */
  id: string;
  events: EventDraft[];
  notice?: Notice | undefined;
}

function draftOf(event: EventDraft): string {
  const { partnershipId, at, actor, type, step, data } = event;
  return canonicalJson({ partnershipId, at, actor, type, step: step ?? null, data });
}

/**
 * How many of `drafts`, from the first, the ledger already ends with: an earlier attempt may have appended
 * some or all of them before it failed. `tail` is the ledger's last events in order, at least as many as
 * there are drafts when the ledger has that many. Drafts carry the time of the write that made them, so only
 * that write's own events match.
 */
export function alreadyAppended(tail: readonly LedgerEvent[], drafts: readonly EventDraft[]): number {
  for (let n = Math.min(tail.length, drafts.length); n > 0; n--) {
    const ends = tail.slice(tail.length - n);
    if (ends.every((event, i) => draftOf(event) === draftOf(drafts[i] as EventDraft))) return n;
  }
  return 0;
}
