/**
 * The periodic review's tasks (workflows/review, through record-outcome): it begins (ACTIVE → IN_REVIEW, or
 * nothing at all when the partnership is not active), and each of its ends moves the stage once, with its
 * ledger events and its notice in the same write (pending effects), and schedules the next review where the
 * partnership is active again.
 */
import { TableReviewSchedules } from "../adapters/table-review-schedules.ts";
import { agreementState } from "../domain/agreement-state.ts";
import { addDays, todayIn } from "../domain/calendar-dates.ts";
import { newId } from "../domain/ids.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import { isTerminal, type Stage, transition } from "../domain/lifecycle.ts";
import type { PendingEffects, ReviewNotice } from "../domain/pending-effects.ts";
import {
  amendmentUnderway,
  nextReviewDueOn,
  type ReviewTaskOutcome,
  reviewCadenceMonths,
  reviewDayReplaced,
  scheduledReviewOn,
} from "../domain/review.ts";
import { eventDraft } from "../events/draft.ts";
import { log } from "../http/log.ts";
import type { ReviewSchedules } from "../ports/review-schedules.ts";
import type { Needs } from "./dependencies.ts";
import { notifier } from "./notices.ts";
import { settle, settled } from "./pending-effects.ts";

type TaskDeps = Needs<"repository" | "clock" | "mailer" | "config">;

export { isReviewOutcome, type ReviewTaskOutcome } from "../domain/review.ts";

export interface ReviewTaskInput {
  partnershipId: string;
  outcome: ReviewTaskOutcome;
  round: string;
  comment?: string | undefined;
}

/**
 * Moves the stage from `from` to `to` once, owing `events` and `notice` in the same write, then pays them. False
 * when the partnership is not (or no longer) at `from`: an earlier attempt moved it, or it is elsewhere.
 */
async function moveOnce(
  deps: TaskDeps,
  id: string,
  from: Stage,
  to: Stage,
  drafts: (at: string) => PendingEffects["events"],
  notice: ReviewNotice | undefined,
): Promise<boolean> {
  const paying = { repository: deps.repository, notify: notifier(deps) };
  for (;;) {
    const { partnership: p, seenSeq, head } = await settled(paying, id);
    if (p.stage !== from) return false;
    transition(from, to);
    const at = deps.clock.now().toISOString();
    const pending: PendingEffects = {
      id: newId(deps.clock.now()),
      afterSeq: seenSeq,
      events: drafts(at),
      ...(notice ? { notice } : {}),
    };
    if (await deps.repository.updateStage(id, from, to, at, pending)) {
      await settle(paying, p, "pending", pending, head);
      return true;
    }
  }
}

/** Records a step's outcome once per round without a change of stage (the lead told, the office told). */
async function recordOnce(
  deps: TaskDeps,
  id: string,
  marker: string,
  drafts: (at: string) => PendingEffects["events"],
  notice: ReviewNotice,
): Promise<void> {
  const paying = { repository: deps.repository, notify: notifier(deps) };
  const { partnership: p, seenSeq, head } = await settled(paying, id);
  // Ended meanwhile (withdrawn, terminated, expired): no one is told of a step that no longer runs.
  if (isTerminal(p.stage)) return;
  const at = deps.clock.now().toISOString();
  const pending: PendingEffects = {
    id: newId(deps.clock.now()),
    afterSeq: seenSeq,
    events: drafts(at),
    notice,
  };
  if (await deps.repository.setPendingOnce(p.id, marker, at, "pending", pending))
    await settle(paying, p, "pending", pending, head);
}

/**
 * Begins the round: ACTIVE → IN_REVIEW with ReviewStarted (who started it: the staff member who asked, as the
 * ledger's ReviewRequested of this round says, or the schedule). A partnership that is not active (in review
 * already, ended, still onboarding) is left as it is: logged as skipped, and the execution ends. One in another
 * round's review, or signing that round's amendment, is covered by that round (nothing set again; recorded
 * once); any other that has not ended has its review set for the next day instead, so that it begins once the
 * partnership is active again.
 */
export async function beginReview(
  deps: TaskDeps & Partial<Needs<"reviewSchedules">>,
  input: { partnershipId: string; round: string },
  step: string,
): Promise<{ started: boolean }> {
  const { partnershipId: id, round } = input;
  const events = await deps.repository.listEvents(id);
  const requested = events.findLast((e) => e.type === "ReviewRequested" && e.data.round === round);
  const startedBy = typeof requested?.data.requestedBy === "string" ? requested.data.requestedBy : "schedule";
  const origin = (at: string) => ({ partnershipId: id, at, actor: "system:workflow", step });
  const moved = await moveOnce(
    deps,
    id,
    "ACTIVE",
    "IN_REVIEW",
    (at) => [
      eventDraft("StageChanged", origin(at), { from: "ACTIVE", to: "IN_REVIEW", outcome: "review-started" }),
      eventDraft("ReviewStarted", origin(at), { round, startedBy }),
    ],
    undefined,
  );
  if (moved) return { started: true };
  // A retry after the move: this round began.
  const after = await deps.repository.listEvents(id);
  if (after.some((e) => e.type === "ReviewStarted" && e.data.round === round)) return { started: true };
  const p = await deps.repository.getPartnership(id);
  log("info", "review skipped: the partnership is not active", { partnershipId: id, round, stage: p?.stage });
  // In another round's review, or signing that round's amendment: that round covers it (its renewal, or its
  // amendment's activation or decline, schedules the next review). Nothing is started or set again.
  if (p?.stage === "IN_REVIEW" || (p?.stage === "SIGNING" && amendmentUnderway(after)))
    await noteCoveredByRound(deps, id, round, after, step);
  // Not active for now (needs attention): the review falls due again tomorrow, until it can begin. An ended
  // partnership has none.
  else if (p && !isTerminal(p.stage)) await postponeReview(deps, id, step);
  return { started: false };
}

/**
 * Records, once, that the review due `round` fell due during the round under way, which covers it: ScheduleSet
 * null with `coveredBy`, the round under way (the schedule that ran is gone, and none is set). Only while that
 * day is the one recorded as pending: a repeat finds it recorded, and a day set since stays as it is.
 */
async function noteCoveredByRound(
  deps: Needs<"repository" | "clock">,
  id: string,
  round: string,
  events: readonly LedgerEvent[],
  step: string,
): Promise<void> {
  if (scheduledReviewOn(events) !== round) return;
  const underWay = events.findLast((e) => e.type === "ReviewStarted")?.data.round;
  const at = deps.clock.now().toISOString();
  await deps.repository.appendEvent(
    eventDraft(
      "ScheduleSet",
      { partnershipId: id, at, actor: "system:workflow", step },
      { kind: "review", dueOn: null, ...(typeof underWay === "string" ? { coveredBy: underWay } : {}) },
    ),
  );
}

/**
 * Sets the partnership's review for the office's next day (through the ReviewSchedules port, recorded as
 * ScheduleSet): recorded first, then made, so that a schedule is never live without the ledger naming its day
 * (an ending cancels the day recorded). A retry finds that day recorded last and only sets it again.
 */
async function postponeReview(
  deps: Needs<"repository" | "clock" | "config"> & Partial<Needs<"reviewSchedules">>,
  id: string,
  step: string,
): Promise<void> {
  const schedules = deps.reviewSchedules ?? new TableReviewSchedules(deps.repository, deps.clock);
  const dueOn = addDays(todayIn(deps.clock.now(), deps.config.TIME_ZONE), 1);
  if (scheduledReviewOn(await deps.repository.listEvents(id)) !== dueOn)
    await deps.repository.appendEvent(
      eventDraft(
        "ScheduleSet",
        { partnershipId: id, at: deps.clock.now().toISOString(), actor: "system:workflow", step },
        { kind: "review", dueOn },
      ),
    );
  // A new schedule for that day; the one that just ran (the day recorded before) is deleted, if not gone already.
  await createRecordedDay(deps, schedules, id, dueOn, (stage) => !isTerminal(stage));
}

/**
 * Makes the schedule of `dueOn`, the day the ledger now records as pending, replacing the day pending before it,
 * unless the partnership has moved where none belongs (`fits` says where one does: an ending, for one). An
 * ending, or a review started now, that removed the recorded day between the record and this create would leave
 * it live: read again after the create, a partnership ended or a day removed (ScheduleSet null) has it deleted.
 */
async function createRecordedDay(
  deps: Needs<"repository">,
  schedules: ReviewSchedules,
  id: string,
  dueOn: string,
  fits: (stage: Stage) => boolean,
): Promise<void> {
  // The partnership and its ledger in one read, before and after the create.
  const before = await deps.repository.getPartnershipRecord(id);
  if (!before || !fits(before.partnership.stage)) return;
  await schedules.schedule(id, dueOn, reviewDayReplaced(before.events, dueOn));
  const after = await deps.repository.getPartnershipRecord(id);
  if (!after || isTerminal(after.partnership.stage) || scheduledReviewOn(after.events) === null)
    await schedules.cancel(id, dueOn);
}

/** Each end of the review, and the overdue steps' notices. */
export async function recordReviewOutcome(
  deps: TaskDeps & Needs<"reviewSchedules">,
  input: ReviewTaskInput,
  step: string,
): Promise<void> {
  const { partnershipId: id, round, outcome } = input;
  const comment = input.comment?.trim() ?? "";
  const origin = (at: string) => ({ partnershipId: id, at, actor: "system:workflow", step });
  const stageChanged = (at: string, to: Stage) =>
    eventDraft("StageChanged", origin(at), { from: "IN_REVIEW", to, outcome });
  switch (outcome) {
    case "review-started":
      await beginReview(deps, input, step);
      return;
    case "review-renewed": {
      const events = await deps.repository.listEvents(id);
      const today = todayIn(deps.clock.now(), deps.config.TIME_ZONE);
      const completed = events.findLast((e) => e.type === "ReviewCompleted" && e.data.round === round);
      const nextReviewOn =
        typeof completed?.data.nextReviewOn === "string"
          ? completed.data.nextReviewOn
          : nextReviewDueOn(today, reviewCadenceMonths(events, deps.config.REVIEW_CADENCE_MONTHS));
      const renewed = await moveOnce(
        deps,
        id,
        "IN_REVIEW",
        "ACTIVE",
        (at) => [
          stageChanged(at, "ACTIVE"),
          eventDraft("ReviewCompleted", origin(at), { round, outcome: "renew", nextReviewOn }),
        ],
        { kind: "review-renewed", nextReviewOn, ...(comment ? { comment } : {}) },
      );
      // Moved now, or by an earlier attempt (ACTIVE); not once withdrawn or terminated meanwhile.
      if (renewed || (await deps.repository.getPartnership(id))?.stage === "ACTIVE")
        await scheduleNextReview(deps, id, step, nextReviewOn);
      return;
    }
    case "review-amend":
      await moveOnce(
        deps,
        id,
        "IN_REVIEW",
        "SIGNING",
        (at) => [
          stageChanged(at, "SIGNING"),
          eventDraft("ReviewCompleted", origin(at), { round, outcome: "amend", reason: comment }),
        ],
        { kind: "review-amend", comment },
      );
      return;
    case "review-terminated":
      await moveOnce(
        deps,
        id,
        "IN_REVIEW",
        "TERMINATED",
        (at) => [
          stageChanged(at, "TERMINATED"),
          eventDraft("ReviewCompleted", origin(at), { round, outcome: "terminate", reason: comment }),
        ],
        { kind: "review-terminated", comment: comment || "No reason was given." },
      );
      await cancelPendingReview(deps, id);
      return;
    case "review-self-assessment-overdue":
      await recordOnce(
        deps,
        id,
        `reviewSelfAssessmentOverdue_${round}`,
        (at) => [eventDraft("ReviewSelfAssessmentOverdue", origin(at), { round })],
        { kind: "review-self-assessment-overdue" },
      );
      return;
    case "review-expired":
      await moveOnce(
        deps,
        id,
        "IN_REVIEW",
        "EXPIRED",
        (at) => [
          stageChanged(at, "EXPIRED"),
          eventDraft("ReviewCompleted", origin(at), { round, outcome: "expired" }),
        ],
        { kind: "review-expired" },
      );
      await cancelPendingReview(deps, id);
      return;
    case "amendment-declined":
    case "amendment-lapsed":
      await declineAmendment(deps, input, step, outcome === "amendment-lapsed");
      return;
    case "review-evaluation-overdue": {
      // Told each time the lead's window runs out too: one marker per round and time the evaluation was asked.
      const events = await deps.repository.listEvents(id);
      const asked = events.filter((e) => e.type === "ReviewEvaluationRequested").length;
      await recordOnce(
        deps,
        id,
        `reviewEvaluationOverdue_${round}_${asked}`,
        (at) => [eventDraft("ReviewEvaluationOverdue", origin(at), { round })],
        { kind: "review-evaluation-overdue" },
      );
      return;
    }
  }
}

/**
 * An amendment declined (its new terms, by the officer at the terms or on paper): the agreement in force is not
 * ended by a change not made. SIGNING → ACTIVE on the version completed before the amendment (no new version: one
 * issued for the amendment stays in the ledger, not in force), AmendmentDeclined with the round, and the lead told
 * (to start another review, or terminate) and the partner. The next review is at the cadence from today, as at a
 * renewal (one that fell due while the amendment was signed was covered by this round). `lapsed`: not declined
 * but not signed in time (a signing step's timeout, the lead told already): the same, recorded as lapsed.
 */
async function declineAmendment(
  deps: TaskDeps & Needs<"reviewSchedules">,
  input: ReviewTaskInput,
  step: string,
  lapsed: boolean,
): Promise<void> {
  const { partnershipId: id, round } = input;
  const comment = input.comment?.trim() ?? "";
  const origin = (at: string) => ({ partnershipId: id, at, actor: "system:workflow", step });
  const versionInForce = agreementState(await deps.repository.listEvents(id)).inForceVersion;
  const declined = await moveOnce(
    deps,
    id,
    "SIGNING",
    "ACTIVE",
    (at) => [
      eventDraft("StageChanged", origin(at), {
        from: "SIGNING",
        to: "ACTIVE",
        outcome: lapsed ? "amendment-lapsed" : "amendment-declined",
      }),
      eventDraft("AmendmentDeclined", origin(at), {
        round,
        ...(versionInForce ? { versionInForce } : {}),
        ...(comment ? { reason: comment } : {}),
        ...(lapsed ? { lapsed: true as const } : {}),
      }),
    ],
    {
      kind: "amendment-declined",
      ...(comment ? { comment } : {}),
      ...(versionInForce ? { versionInForce } : {}),
      ...(lapsed ? { lapsed: true } : {}),
    },
  );
  // Moved now, or by an earlier attempt; not once withdrawn or terminated meanwhile.
  if (!declined && (await deps.repository.getPartnership(id))?.stage !== "ACTIVE") return;
  // At the cadence from today, as at a renewal: this round reviewed it, and covered any review due meanwhile (a
  // day still pending, set while the partnership needed attention, is replaced). A retry finds the day recorded.
  await scheduleNextReview(deps, id, step);
}

/**
 * Schedules the partnership's next review, once per activation: `cadence` months (the agreement's, else the
 * deployment's reviewCadenceMonths) after the day it became active, recorded as ScheduleSet first and then made
 * through the ReviewSchedules port. A retry finds the ScheduleSet made since the partnership last became active
 * and makes the same day again (the same name: harmless), appending nothing; a record that failed made nothing,
 * so a retry on a later day, which computes another day, never leaves two schedules live. Nothing once the
 * partnership is not active (ended meanwhile, or a review begun).
 */
export async function scheduleNextReview(
  deps: Needs<"repository" | "clock" | "config" | "reviewSchedules">,
  id: string,
  step: string,
  /** The day already decided (a renewal's ReviewCompleted says it); else `cadence` months from today. */
  decided?: string,
): Promise<string | undefined> {
  const record = await deps.repository.getPartnershipRecord(id);
  if (record?.partnership.stage !== "ACTIVE") return undefined;
  const { events } = record;
  let dueOn = scheduledSinceActive(events);
  if (!dueOn) {
    const today = todayIn(deps.clock.now(), deps.config.TIME_ZONE);
    dueOn = decided ?? nextReviewDueOn(today, reviewCadenceMonths(events, deps.config.REVIEW_CADENCE_MONTHS));
    // Recorded before it is made: a schedule is never live without the ledger naming its day.
    await deps.repository.appendEvent(
      eventDraft(
        "ScheduleSet",
        { partnershipId: id, at: deps.clock.now().toISOString(), actor: "system:workflow", step },
        { kind: "review", dueOn },
      ),
    );
  }
  // Any day still pending (set before this round, or for the next day while it could not begin) is replaced.
  await createRecordedDay(deps, deps.reviewSchedules, id, dueOn, (stage) => stage === "ACTIVE");
  return dueOn;
}

/** Removes the partnership's pending review: the day the ledger records as pending, if any. */
async function cancelPendingReview(deps: Needs<"repository" | "reviewSchedules">, id: string): Promise<void> {
  await deps.reviewSchedules.cancel(id, scheduledReviewOn(await deps.repository.listEvents(id)) ?? undefined);
}

/** The review's day recorded since the partnership last became ACTIVE, if any. */
function scheduledSinceActive(events: readonly LedgerEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (!e) continue;
    if (e.type === "ScheduleSet" && e.data.kind === "review")
      return typeof e.data.dueOn === "string" ? e.data.dueOn : undefined;
    if (e.type === "StageChanged" && e.data.to === "ACTIVE") return undefined;
  }
  return undefined;
}
