/** What the state machine's tasks do besides assessing (run-assessment.ts): record outcomes and failures. */

import { isTransient } from "../config/task-retries.ts";
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
import { emails, officeOf } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";
import { notifier } from "./notices.ts";
import { readWithHead, type SettleProgress, settle, settled } from "./pending-effects.ts";

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
export type Outcome = StageOutcome | RenewalOutcome;

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
  /** The vetting renewal's round. */
  round?: string | undefined;
  /** Why a vetting renewal ends at risk. */
  reason?: AtRiskReason | undefined;
}

export async function recordOutcome(
  deps: Needs<"repository" | "clock" | "mailer" | "config">,
  input: OutcomeInput,
  step: string,
): Promise<void> {
  const { partnershipId: id, outcome } = input;
  if (isRenewal(outcome)) {
    await recordRenewalOutcome(deps, { ...input, outcome }, step);
    return;
  }
  if (outcome !== "vetted") {
    await moveStage(deps, id, OUTCOME_STAGE[outcome], step, { outcome }, noticeOf(outcome, input.comment));
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
  await scheduleVettingRenewal(deps, id, events, step);
}

/**
 * Schedules the renewal of the vetting for the day after the earliest waiver in force ends (the hourly sweep,
 * functions/start-vetting-renewals, starts it), or removes the schedule when no item is waived; and records
 * each change of it in the ledger (ScheduleSet). Idempotent: a retry finds its ScheduleSet among `events` and
 * appends none. (The sweep's putting off of a schedule while the onboarding goes on is not recorded: that is the
 * sweep's bookkeeping, not a new schedule.)
 */
async function scheduleVettingRenewal(
  deps: Needs<"repository" | "clock">,
  id: string,
  events: readonly LedgerEvent[],
  step: string,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const dueOn = vettingRenewalDueOn(events);
  await deps.repository.setSchedule(id, "vetting-renewal", dueOn, at);
  const recorded = events.findLast((e) => e.type === "ScheduleSet" && e.data.kind === "vetting-renewal");
  if ((recorded?.data.dueOn ?? null) === (dueOn ?? null)) return;
  await deps.repository.appendEvent(
    eventDraft(
      "ScheduleSet",
      { partnershipId: id, at, actor: "system:workflow", step },
      { kind: "vetting-renewal", dueOn: dueOn ?? null },
    ),
  );
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
  await scheduleVettingRenewal(deps, p.id, events, step);
}

/** How often, and how far apart, the failure step tries to pay the failed step's debt through passing faults. */
const SETTLE_ATTEMPTS = 3;
const SETTLE_BACKOFF_MS = 250;

/**
 * Records the failure in the ledger and tells the office, once per partnership (its one workflow ends here).
 * What the failed step still owed is completed first, if it can be; if not (say SES refuses that email for
 * good), the failure is recorded and reported all the same, naming what is still owed. A partnership that
 * does not exist has no ledger to record in: the office is told.
 */
export async function recordFailure(
  deps: Needs<"repository" | "clock" | "mailer" | "config">,
  input: { partnershipId: string; error: string; cause: string; round?: string | undefined },
  step: string,
): Promise<void> {
  const { partnership: p, head: readHead } = await readWithHead(deps, input.partnershipId);
  if (!p) {
    await deps.mailer.send(
      emails.failure(officeOf(deps.config), deps.config.OFFICE_EMAIL, input.partnershipId, input.error),
    );
    return;
  }
  // Withdrawn or terminated: its executions were stopped on purpose, and a task still running then is no
  // failure to record or report (the ending paid what the partnership owed).
  if (endingOf(p.stage)) return;
  let head = readHead;
  const seenSeq = head?.seq ?? 0;
  const paying = { repository: deps.repository, notify: notifier(deps) };
  let stillOwed: string | undefined;
  if (p.pending) {
    for (let attempt = 1; ; attempt++) {
      const progress: SettleProgress = {};
      try {
        // The head read above is stale once an attempt has failed.
        await settle(paying, p, "pending", p.pending, attempt === 1 ? head : undefined, progress);
        break;
      } catch (error) {
        // A passing fault is tried again here, not left to the state machine's Retry: that Retry also spends
        // its attempts on faults before this code runs, and when it runs out, nothing would be recorded.
        if (isTransient(error) && attempt < SETTLE_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, SETTLE_BACKOFF_MS * attempt));
          continue;
        }
        stillOwed = owedAfter(p.pending, progress, error);
        break;
      }
    }
    head = undefined;
  }
  // A first attempt of this step recorded the failure but did not finish: finish it.
  if (p.failurePending) return settle(paying, p, "failurePending", p.failurePending, head);
  const at = deps.clock.now().toISOString();
  const pending: PendingEffects = {
    id: newId(deps.clock.now()),
    afterSeq: seenSeq,
    events: [
      // The cause is cut short: it is for the office to investigate, and must not grow the ledger unbounded.
      eventDraft(
        "WorkflowFailed",
        { partnershipId: p.id, at, actor: "system:workflow", step },
        {
          error: input.error,
          cause: input.cause.slice(0, 1000),
          ...(input.round ? { round: input.round } : {}),
          ...(stillOwed ? { stillOwed } : {}),
        },
      ),
    ],
    notice: {
      kind: "failure",
      error: stillOwed ? `${input.error}; not done: ${stillOwed}` : input.error,
      round: input.round,
    },
  };
  // Refused when a first attempt recorded the failure and finished.
  // Once per workflow: the onboarding's, and each round of the vetting renewal.
  const marker = input.round ? `failureRecorded_${input.round}` : "failureRecorded";
  if (await deps.repository.setPendingOnce(p.id, marker, at, "failurePending", pending)) {
    await settle(paying, p, "failurePending", pending, head);
  }
}

/** What a failed settle left undone, in words for the ledger and the office: by the error's name only. */
function owedAfter(pending: PendingEffects, progress: SettleProgress, error: unknown): string | undefined {
  const undone = [
    ...(progress.eventsAppended ? [] : ["ledger events"]),
    ...(pending.notice && !progress.noticeSent ? [`the ${pending.notice.kind} email`] : []),
  ];
  // Only clearing them failed: nothing is owed.
  if (undone.length === 0) return undefined;
  return `${undone.join(" and ")} (${error instanceof Error ? error.name : "error"})`;
}
