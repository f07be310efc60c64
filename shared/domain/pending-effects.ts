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
  | { kind: "approved"; comment?: string | undefined }
  /** The partner's contact is told the vetting is complete, or that the agreement is being prepared. */
  | {
      kind: "vetted";
      /** The items waived (titles), for the partner to know what is still to give, why and by when. */
      waivers?: readonly { title: string; until: string; reason: string }[] | undefined;
      comment?: string | undefined;
    }
  | { kind: "authority-confirmed" }
  | { kind: "declined"; comment: string }
  | { kind: "expired" }
  /**
   * A workflow failed (`round`: the vetting renewal's, otherwise the onboarding's). With `workflow`, the
   * partnership went to NEEDS_ATTENTION: the lead (else the office) is told where (`state`, when known), with a
   * link to the inbox (issue 13).
   */
  | {
      kind: "failure";
      error: string;
      round?: string | undefined;
      workflow?: string | undefined;
      state?: string | undefined;
    }
  /** The partner's contact: the vetting renewal is done; `waivedUntil`, the end of a waiver granted again. */
  | { kind: "vetting-renewed"; waivedUntil?: string | undefined }
  /**
   * The vetting renewal ended at risk: the partner's contact and the office for the officer's reason or the
   * partner's silence; the office alone when its own review ran out of time.
   */
  | {
      kind: "at-risk";
      reason: AtRiskReason;
      comment?: string | undefined;
      /** The evidence that lapsed (`evidence-lapsed`): its title and its last valid day. */
      lapsed?: readonly { title: string; expiresOn: string }[] | undefined;
    }
  /** The periodic review's notices (workflows/review): see shared/services/review-notices.ts. */
  | ReviewNotice
  /** The office, and the officers of the decisions it closed: the partner withdrew, and why (issue 13). */
  /** `at`: when the partner withdrew (their receipt says the day; absent from notices owed before it was kept). */
  | { kind: "withdrawn"; reason: string; officers: readonly string[]; at?: string | undefined }
  /** The partner's contact, and the signatory once confirmed: the office lead terminated it, and why. */
  | { kind: "terminated"; reason: string };

/** The periodic review's notices: its ends, and the overdue steps the lead (and the office) are told of. */
export type ReviewNotice =
  | { kind: "review-renewed"; nextReviewOn: string; comment?: string | undefined }
  | { kind: "review-amend"; comment: string }
  | { kind: "review-terminated"; comment: string }
  | { kind: "review-self-assessment-overdue" }
  | { kind: "review-expired" }
  | { kind: "review-evaluation-overdue" }
  | {
      kind: "amendment-declined";
      comment?: string | undefined;
      versionInForce?: number | undefined;
      /** Not declined: a signing step timed out (the lead was told by the timeout branch already). */
      lapsed?: boolean | undefined;
    };

/** Why a vetting renewal ended at risk, or (`evidence-lapsed`) why the sweep marked the partnership at risk. */
export type AtRiskReason = "declined" | "not-given" | "review-overdue" | "evidence-lapsed";

export interface PendingEffects {
  /** Unique per state write, so that clearing it cannot clear a later step's effects. */
  id: string;
  /** The seq of the ledger's head when they were written: their events go after it. */
  afterSeq: number;
  events: EventDraft[];
  notice?: Notice | undefined;
}

/**
 * Where a partnership keeps what is owed: a step's own effects, and the failure step's, apart, so that the
 * failure is recorded even when what the failed step owed cannot be completed.
 */
export type PendingSlot = "pending" | "failurePending";

function draftOf(event: EventDraft): string {
  const { partnershipId, at, actor, type, step, data } = event;
  return canonicalJson({ partnershipId, at, actor, type, step: step ?? null, data });
}

/**
 * Those of `drafts` that are not among `events`, the ledger's events since the effects were written: an
 * earlier attempt, or another one running at the same time, may have appended some or all of them, and others
 * may have appended their own events in between. Drafts carry the time of the write that made them, so only
 * that write's own events match.
 */
export function missingDrafts(events: readonly LedgerEvent[], drafts: readonly EventDraft[]): EventDraft[] {
  const appended = new Set(events.map(draftOf));
  return drafts.filter((draft) => !appended.has(draftOf(draft)));
}
