/** What the application needs from storage; DynamoDB implements it on AWS and locally. */

import type { PartnerSummary } from "../domain/assessment.ts";
import type { Assessment } from "../domain/assessment-types.ts";
import type { Json } from "../domain/canonical-json.ts";
import type { EventDraft, LedgerEvent } from "../domain/ledger.ts";
import type { Stage } from "../domain/lifecycle.ts";
import type {
  Decision,
  Link,
  Partnership,
  PartnershipEnding,
  Resubmission,
  Shown,
  SignedInAs,
} from "../domain/partnership.ts";
import type { PendingEffects, PendingSlot } from "../domain/pending-effects.ts";
import type { Intake } from "../schemas/intake.ts";

/** The markOnce marker the intake sweep sets once it has started a stalled intake's workflow. */
export const WORKFLOW_STARTED_MARKER = "workflowStarted";
/** The markOnce marker of the intake sweep's first failure to finish an intake (Partnership.intakeSweepFailedAt). */
export const INTAKE_SWEEP_FAILED_MARKER = "intakeSweepFailed";
/** The markOnce marker of an intake the sweep gave up on: it is listed no more, so it cannot hold up others. */
export const INTAKE_SWEEP_GAVE_UP_MARKER = "intakeSweepGaveUp";

export interface IdempotencyRecord {
  key: string;
  partnershipId: string;
  requestHash: string;
  createdAt: string;
}

/**
 * The kinds of work a partnership has scheduled for a day: the renewal of its vetting (a waiver ends, or evidence
 * is about to expire), the look for evidence that lapsed without renewed evidence verified, and (locally: on AWS
 * an EventBridge Scheduler schedule) its next periodic review.
 */
export type ScheduleKind = "vetting-renewal" | "evidence-lapse" | "review";

/** One partnership's scheduled work of one kind, due on a calendar day (YYYY-MM-DD, the office's time zone). */
export interface DueSchedule {
  partnershipId: string;
  kind: ScheduleKind;
  dueOn: string;
}

/** The newest event of a partnership's ledger, as anchored on its META item. */
export interface LedgerHead {
  seq: number;
  hash: string;
}

/** A partnership with its ledger and its human steps, as one read gives them. */
export interface PartnershipRecord {
  partnership: Partnership;
  events: LedgerEvent[];
  decisions: Decision[];
}

export interface PartnershipRepository {
  /** Claims the idempotency key for a new partnership id; returns the existing claim if there is one. */
  claimIdempotencyKey(record: IdempotencyRecord, expiresAt: Date): Promise<IdempotencyRecord>;
  /** Creates the partnership unless it exists; true when this call created it. */
  createPartnership(partnership: Partnership): Promise<boolean>;
  getPartnership(id: string): Promise<Partnership | undefined>;
  /** The partnership and the last `events` events of its ledger, in order, in one read. */
  getPartnershipWithTail(
    id: string,
    events: number,
  ): Promise<{ partnership?: Partnership | undefined; tail: LedgerEvent[] }>;
  /** The partnership, its ledger in order and its decisions. */
  getPartnershipRecord(id: string): Promise<PartnershipRecord | undefined>;
  /** Every partnership on file, whatever its stage, as the assessment compares them. */
  listPartnerSummaries(): Promise<PartnerSummary[]>;
  /**
   * Moves the stage only if it is still `from` and no effects are pending, and stores `pending` in the same
   * write; false when someone else moved it first or effects are still pending (nothing is written then).
   */
  updateStage(id: string, from: Stage, to: Stage, at: string, pending: PendingEffects): Promise<boolean>;
  /**
   * Stores an assessment round of an intake version with the effects it owes, moving the stage in the same
   * write when `move` is given; false when the stage was no longer `move.from`, the intake is no longer that
   * version, or effects are still pending (nothing is written then).
   */
  saveAssessment(
    id: string,
    round: { assessment: Assessment; round: number; intakeVersion: number },
    at: string,
    pending: PendingEffects,
    move?: { from: Stage; to: Stage },
  ): Promise<boolean>;
  /**
   * Stores effects owed without a change of state in `slot`, once per `marker`: false when the marker is set
   * already or the slot holds effects still owed.
   */
  setPendingOnce(
    id: string,
    marker: string,
    at: string,
    slot: PendingSlot,
    pending: PendingEffects,
  ): Promise<boolean>;
  /** Removes the effects with this id from `slot`, once they are done; effects stored since are kept. */
  clearPending(id: string, slot: PendingSlot, pendingId: string): Promise<void>;
  /**
   * Makes `intake` the partnership's version `version`, set by decision `decisionId` (noted in
   * intakeVersionBy), if its current version is the one before; true when this call did. False when the
   * version is taken already (an earlier attempt of the same decision applied it, or another decision did).
   */
  applyIntakeVersion(
    id: string,
    intake: Intake,
    version: number,
    at: string,
    decisionId: string,
  ): Promise<boolean>;
  /**
   * Takes on sending the acknowledgement, unless it was sent or another request claimed it after
   * `staleBefore`; true for the caller that took it on.
   */
  claimAcknowledgement(id: string, at: string, staleBefore: string): Promise<boolean>;
  /** Gives up this caller's claim (made at `at`), as when the email could not be sent: a retry may send it. */
  releaseAcknowledgement(id: string, at: string): Promise<void>;
  /** Sets a once-only marker (e.g. acknowledgement sent); true for the caller that set it. */
  markOnce(id: string, marker: string, at: string): Promise<boolean>;
  /**
   * Partnerships still at SUBMITTED, last updated at or after `from` and before `before`, that the intake
   * sweep has neither finished nor given up on (no WORKFLOW_STARTED_MARKER or INTAKE_SWEEP_GAVE_UP_MARKER set
   * by markOnce), the oldest first, at most `limit`.
   */
  listStalledIntakes(from: string, before: string, limit: number): Promise<Partnership[]>;
  /** Appends to the hash chain; retries on a concurrent writer. */
  /**
   * The partnerships at a stage last updated from `from` up to `to` (ISO times; either bound optional), the
   * most recently updated first (the byStage index).
   */
  listAtStage(
    stage: Stage,
    range?: { from?: string | undefined; to?: string | undefined },
  ): Promise<Partnership[]>;
  appendEvent(draft: EventDraft): Promise<LedgerEvent>;
  /**
   * Appends as appendEvent does, but only to a ledger that has begun (its first event, IntakeSubmitted, written
   * by beginLedger): undefined, writing nothing, for one that has not, so that the event cannot take seq 1 and
   * lock the intake's event out of it. For what may happen before the intake is recorded (its acknowledgement).
   */
  appendEventIfBegun(draft: EventDraft): Promise<LedgerEvent | undefined>;
  /**
   * Appends those of the drafts not in the ledger since event `afterSeq` (an earlier or concurrent attempt
   * may have appended some); `head`, if just read as event `afterSeq`, saves the first read.
   */
  appendEventsOnce(drafts: readonly EventDraft[], afterSeq: number, head?: LedgerEvent): Promise<void>;
  /** Writes the first event unless the ledger has begun; true when this call began it. */
  beginLedger(draft: EventDraft): Promise<boolean>;
  listEvents(id: string): Promise<LedgerEvent[]>;
  /**
   * The ledger's head as the partnership's META records it with every append (undefined before any, or for a
   * partnership that does not exist): what shows that the newest events were removed.
   */
  getLedgerHead(id: string): Promise<LedgerHead | undefined>;
  /** Every partnership's anchored head (those with one), for a checkpoint. */
  listLedgerHeads(): Promise<(LedgerHead & { partnershipId: string })[]>;
  putLink(link: Link): Promise<void>;
  getLink(tokenHash: string): Promise<Link | undefined>;
  /** Stores a new decision; false when a decision with this id exists already. */
  putDecision(decision: Decision): Promise<boolean>;
  getDecision(partnershipId: string, decisionId: string): Promise<Decision | undefined>;
  /**
   * Retires the partnership's open decisions but `keep` (see Decision.retiredAt): they leave the open
   * decisions, and none of them can be closed any more. With `ofExecution`, only those that execution opened
   * (and those that record no execution, opened before decisions did): another workflow's stay open. The ids of
   * those this call retired.
   */
  retireOpenDecisionsBut(
    partnershipId: string,
    keep: string,
    at: string,
    ofExecution?: string,
  ): Promise<string[]>;
  /**
   * Retires one decision (see Decision.retiredAt) if it is still open and not retired: it leaves the open
   * decisions and cannot be closed any more. True when this call retired it.
   */
  retireDecision(partnershipId: string, decisionId: string, at: string): Promise<boolean>;
  /**
   * Closes every open decision of a partnership that ended before they were answered (`because`): each is
   * retired at `at` with `closedBecause` (its link says why), leaves the open decisions, and cannot be decided
   * any more. The ids of those this call closed; a repeat closes none.
   */
  closeOpenDecisions(partnershipId: string, because: PartnershipEnding, at: string): Promise<string[]>;
  /**
   * The decision and its partnership in one read; `withHead`, also the head of the ledger (two reads at once),
   * for a caller about to append the decision's event after it.
   */
  getDecisionAndPartnership(
    partnershipId: string,
    decisionId: string,
    withHead?: boolean,
  ): Promise<{
    decision?: Decision | undefined;
    partnership?: Partnership | undefined;
    head?: LedgerEvent | undefined;
  }>;
  /**
   * Points an open decision at a new link, if it still has `decision.linkTokenHash`; false otherwise. With
   * `fromInboxAt`, the replacement was made from the staff inbox, and the decision records when.
   */
  replaceDecisionLink(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    newTokenHash: string,
    fromInboxAt?: string,
    /** The new token sealed (ports/link-vault.ts); without it, the old one's sealed copy is removed. */
    sealedLinkToken?: string,
  ): Promise<boolean>;
  /**
   * Hands an open decision to a new attempt of its step's task (Step Functions retried it, with a new task
   * token): its task token becomes `taskToken` and `reattachedAt` is set, if it is still open, not retired, and
   * still awaited under `decision.taskToken`. Its link, the link's sealed copy and its expiry stay. False
   * otherwise (made, retired, unknown, or taken over by another attempt meanwhile).
   */
  reattachDecision(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "taskToken">,
    taskToken: string,
    at: string,
  ): Promise<boolean>;
  /**
   * Saves what a partner has given so far on an open decision, if it still has `decision.linkTokenHash`; the
   * link stays open. False when the decision was made, replaced or its link reissued meanwhile.
   */
  saveDraft(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    draft: { [key: string]: Json },
    at: string,
  ): Promise<boolean>;
  /** Notes on a decided decision that its POST could not record it or resume the workflow. */
  markResumeFailed(decision: Pick<Decision, "partnershipId" | "decisionId">, at: string): Promise<void>;
  /**
   * Notes how the resume of a decided decision ended, once: the workflow resumed, or its window had closed.
   * Either way the decision leaves the unresumed ones. False when its end was noted already.
   */
  noteResumeEnded(
    decision: Pick<Decision, "partnershipId" | "decisionId">,
    how: "resumed" | "window-closed",
    at: string,
  ): Promise<boolean>;
  /** Notes the first failure to record a decision past its expiry (see Decision.recordFailedAt). */
  noteRecordFailed(decision: Pick<Decision, "partnershipId" | "decisionId">, at: string): Promise<void>;
  /**
   * Schedules the partnership's work of this kind for `dueOn`, replacing the one scheduled before; undefined
   * removes it. At most one per partnership and kind.
   */
  setSchedule(
    partnershipId: string,
    kind: ScheduleKind,
    dueOn: string | undefined,
    at: string,
  ): Promise<void>;
  /** The schedules due on or before `day`, the earliest first, at most `limit`. */
  listDueSchedules(day: string, limit: number): Promise<DueSchedule[]>;
  /**
   * Removes the schedule once its work is under way: only if it is still the one due on `dueOn` (one set since,
   * for a later day, stays). True when this call removed it.
   */
  clearSchedule(schedule: DueSchedule, at: string): Promise<boolean>;
  /** Decisions made whose resume is not confirmed, the oldest first, at most `limit`. */
  listUnresumedDecisions(limit: number): Promise<Decision[]>;
  /** The open decisions (not made, not replaced), soonest due first, at most `limit`: the officers' inbox. */
  listOpenDecisions(limit: number): Promise<Decision[]>;
  /**
   * The open decisions due before `before` (an ISO time), the earliest due first, a page of at most `limit`
   * from `cursor` (the `next` of the page before): the reminder sweep's.
   */
  listOpenDecisionsDueBefore(
    before: string,
    limit: number,
    cursor?: string,
  ): Promise<{ decisions: Decision[]; next?: string | undefined }>;
  /**
   * Notes a reminder (or the escalation) of an open decision on the office's day `on`: its count becomes
   * `count`, only if it was `count - 1` (or `escalatedAt` is set and its count stays), it still has
   * `decision.linkTokenHash`, and none was noted on `on` yet. True for the one caller that noted it: two
   * sweeps at once never both send.
   */
  noteReminder(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash" | "reminders">,
    reminder: { on: string; count: number; escalatedAt?: string | undefined },
  ): Promise<boolean>;
  /** Removes an open decision's sealed link token (its step timed out): nothing can send its link again. */
  forgetLinkToken(decision: Pick<Decision, "partnershipId" | "decisionId">): Promise<void>;
  /**
   * Closes an open decision; exactly one caller wins, the others get LinkUsedError. The decision counts as
   * unresumed until noteResumeEnded.
   */
  closeDecision(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    result: DecisionResult,
  ): Promise<void>;
}

/** What closing a decision stores with it. */
export interface DecisionResult {
  outcome: string;
  comment: string;
  decidedAt: string;
  decidedBy: string;
  resumeOutput: string;
  resubmission?: Resubmission | undefined;
  details?: { [key: string]: Json } | undefined;
  shown?: Shown | undefined;
  signedInAs?: SignedInAs | undefined;
}
