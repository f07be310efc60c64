/**
 * What the state machine's tasks do besides assessing (run-assessment.ts): record outcomes (and failures:
 * record-failure.ts).
 */

import { TableReviewSchedules } from "../adapters/table-review-schedules.ts";
import { checklistOf } from "../config/vetting-checklist.ts";
import { dayBefore } from "../domain/calendar-dates.ts";
import { endingOf } from "../domain/ending.ts";
import { PartnershipNotFoundError } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import { type Stage, transition } from "../domain/lifecycle.ts";
import type { Partnership } from "../domain/partnership.ts";
import type { AtRiskReason, Notice, PendingEffects } from "../domain/pending-effects.ts";
import { itemTitle } from "../domain/vetting-checklist.ts";
import { pinnedChecklistVersion, vettingRenewalDueOn, waiversInForce } from "../domain/vetting-state.ts";
import { eventDraft } from "../events/draft.ts";
import type { Needs } from "./dependencies.ts";
import { scheduleVettingRenewals } from "./evidence-schedules.ts";
import { notifier } from "./notices.ts";
import { readWithHead, settle, settled } from "./pending-effects.ts";
import {
  isReviewOutcome,
  type ReviewTaskOutcome,
  recordReviewOutcome,
  scheduleNextReview,
} from "./review.ts";

export { recordFailure } from "./record-failure.ts";

/**
 * The partnership a callback step opens a decision on, with the head of its ledger (one read); a missing one
 * is a named error the state machine catches.
 */
export async function loadPartnership(
  deps: Needs<"repository">,
  id: string,
): Promise<{ partnership: Partnership; head: LedgerEvent | undefined }> {
  const { partnership, head } = await readWithHead(deps, id);
  if (!partnership) throw new PartnershipNotFoundError(`No partnership ${id}`);
  return { partnership, head };
}

/**
 * Moves the stage (checked by the lifecycle), owing the StageChanged event and the notice in the same write,
 * then pays them. A repeat finds the move made: it only completes what the first attempt still owed. False when
 * the partnership was withdrawn or terminated meanwhile: it stays ended, and nothing is recorded.
 */
async function moveStage(
  deps: Needs<"repository" | "clock" | "mailer" | "config">,
  id: string,
  to: Stage,
  step: string,
  data: { outcome?: string },
  notice: Notice | undefined,
): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  const paying = { repository: deps.repository, notify: notifier(deps) };
  for (;;) {
    const { partnership: p, seenSeq, head } = await settled(paying, id);
    if (p.stage === to) return true;
    // Withdrawn or terminated while this step ran (its execution stopped under it): it stays ended.
    if (endingOf(p.stage)) return false;
    transition(p.stage, to);
    const pending: PendingEffects = {
      id: newId(deps.clock.now()),
      afterSeq: seenSeq,
      events: [
        eventDraft(
          "StageChanged",
          { partnershipId: id, at, actor: "system:workflow", step },
          { from: p.stage, to, ...data },
        ),
      ],
      ...(notice ? { notice } : {}),
    };
    // Refused when someone else moved the stage first: go on from where it is now.
    if (await deps.repository.updateStage(id, p.stage, to, at, pending)) {
      await settle(paying, p, "pending", pending, head);
      return true;
    }
  }
}

/** The outcomes that move the stage. */
export type StageOutcome =
  | "approved"
  | "vetted"
  | "authority-confirmed"
  | "activated"
  | "declined"
  | "expired";
/** The vetting renewal's outcomes (workflows/revetting): recorded, told, and the stage stays ACTIVE. */
export type RenewalOutcome = "vetting-renewed" | "at-risk";
export type Outcome = StageOutcome | RenewalOutcome | ReviewTaskOutcome;

const OUTCOME_STAGE: Record<StageOutcome, Stage> = {
  approved: "VETTING",
  vetted: "CONFIRMING_AUTHORITY",
  "authority-confirmed": "SIGNING",
  activated: "ACTIVE",
  declined: "DECLINED",
  expired: "EXPIRED",
};

/**
 * Who is told of an outcome. The partner's contact hears of each stage: the next step's own email goes to
 * whoever it asks (the signatory, an officer), who may be someone else. Activation's email, with the signed
 * agreement and its certificate, is the agreement's delivery (complete-agreement).
 */
function noticeOf(outcome: Outcome, comment: string | undefined): Notice | undefined {
  switch (outcome) {
    case "declined":
      return { kind: "declined", comment: comment || "No reason was given." };
    case "approved":
      return { kind: "approved", comment: comment || undefined };
    case "expired":
      return { kind: "expired" };
    case "authority-confirmed":
      return { kind: "authority-confirmed" };
    default:
      return undefined;
  }
}

const isRenewal = (outcome: Outcome): outcome is RenewalOutcome =>
  outcome === "vetting-renewed" || outcome === "at-risk";

/** What a workflow's outcome task is given (workflows/onboarding, workflows/revetting). */
export interface OutcomeInput {
  partnershipId: string;
  outcome: Outcome;
  comment?: string | undefined;
  /** The vetting renewal's round, or the periodic review's. */
  round?: string | undefined;
  /** Why a vetting renewal ends at risk. */
  reason?: AtRiskReason | undefined;
}

export async function recordOutcome(
  given: Needs<"repository" | "clock" | "mailer" | "config"> & Partial<Needs<"reviewSchedules">>,
  input: OutcomeInput,
  step: string,
): Promise<void> {
  // The review's schedules: the table's when none is given (the local runtime's and the tests').
  const deps = {
    ...given,
    reviewSchedules: given.reviewSchedules ?? new TableReviewSchedules(given.repository, given.clock),
  };
  const { partnershipId: id, outcome } = input;
  if (isRenewal(outcome)) {
    await recordRenewalOutcome(deps, { ...input, outcome }, step);
    return;
  }
  if (isReviewOutcome(outcome)) {
    await recordReviewOutcome(deps, { ...input, outcome, round: input.round ?? "unscheduled" }, step);
    return;
  }
  if (outcome !== "vetted") {
    const moved = await moveStage(
      deps,
      id,
      OUTCOME_STAGE[outcome],
      step,
      { outcome },
      noticeOf(outcome, input.comment),
    );
    // Active (first signed, or an amendment signed): its next periodic review is scheduled; not once ended.
    if (outcome === "activated" && moved) await scheduleNextReview(deps, id, step);
    return;
  }
  // A vetting passed may hold waivers: the partner is told of them, and their end is when it is renewed.
  const events = await deps.repository.listEvents(id);
  const checklist = checklistOf(pinnedChecklistVersion(events));
  const waivers = waiversInForce(events).map((w) => ({
    title: itemTitle(checklist, w.itemId),
    until: w.until,
    reason: w.reason,
  }));
  const notice: Notice = {
    kind: "vetted",
    ...(waivers.length > 0 ? { waivers } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
  };
  if (!(await moveStage(deps, id, OUTCOME_STAGE[outcome], step, { outcome }, notice))) return;
  // The events as read before the move: the vetting's verdicts are all there (the move adds a StageChanged).
  await scheduleVettingRenewals(deps, id, events, step);
}

/**
 * The vetting renewal's end, once per round: VettingRenewed (with the end of a waiver granted again), or
 * PartnershipAtRisk (why: the officer's reason, the partner's silence, or the review's), and who is told. The
 * stage stays as it is. Either way, a waiver still in force is renewed in its turn.
 */
async function recordRenewalOutcome(
  deps: Needs<"repository" | "clock" | "mailer" | "config">,
  input: OutcomeInput & { outcome: RenewalOutcome },
  step: string,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const paying = { repository: deps.repository, notify: notifier(deps) };
  const { partnership: p, seenSeq, head } = await settled(paying, input.partnershipId);
  // Withdrawn or terminated while the renewal ran: nothing more is recorded or scheduled for it.
  if (endingOf(p.stage)) return;
  const events = await deps.repository.listEvents(p.id);
  // The waivers in force once this round ends: those granted again, and any other not ended yet.
  const nextDueOn = vettingRenewalDueOn(events);
  const waivedUntil = nextDueOn ? dayBefore(nextDueOn) : undefined;
  const round = input.round ?? "unscheduled";
  const reason: AtRiskReason = input.reason ?? (input.comment ? "declined" : "not-given");
  const origin = { partnershipId: p.id, at, actor: "system:workflow", step };
  const pending: PendingEffects = {
    id: newId(deps.clock.now()),
    afterSeq: seenSeq,
    ...(input.outcome === "at-risk"
      ? {
          events: [
            eventDraft("PartnershipAtRisk", origin, {
              round,
              reason,
              ...(input.comment ? { comment: input.comment } : {}),
            }),
          ],
          notice: { kind: "at-risk", reason, comment: input.comment || undefined },
        }
      : {
          events: [eventDraft("VettingRenewed", origin, { round, ...(waivedUntil ? { waivedUntil } : {}) })],
          notice: { kind: "vetting-renewed", waivedUntil },
        }),
  };
  // Refused when an earlier attempt recorded this round's outcome (settled above paid what it still owed).
  if (await deps.repository.setPendingOnce(p.id, `${input.outcome}_${round}`, at, "pending", pending))
    await settle(paying, p, "pending", pending, head);
  await scheduleVettingRenewals(deps, p.id, events, step);
}
