/**
 * Ending a partnership before its time (issue 13): the partner withdraws (from its status page), or the office
 * lead terminates it (console, API). From whatever stage it is in that has not ended:
 *
 * 1. the stage moves to WITHDRAWN or TERMINATED (a conditional write), owing in the same write the ledger's
 *    StageChanged and PartnershipWithdrawn / PartnershipTerminated, and the notice to the other side (the office
 *    and the officers of its open decisions, and the partner's contact a receipt; or the partner's contact and the
 *    confirmed signatory, with the reason), which are then paid (shared/services/pending-effects.ts);
 * 2. every open decision is closed (its link then says the partnership was withdrawn or terminated, and when);
 * 3. its executions are stopped, with a cause (the onboarding, each one a closed decision waited in, each review
 *    round begun and not completed, each retry the ledger records): no
 *    failure step runs, and a task still running then leaves the ended partnership as it is (workflow-steps.ts);
 * 4. its pending schedules are cancelled: the periodic review (ReviewSchedules) and the table's (ScheduleSet null).
 *
 * Idempotent and safe to retry: a repeat of the same ending finds the stage moved, completes 2–4 again (each
 * is harmless twice) and answers `already`; an ending of a partnership that ended otherwise changes nothing.
 */
import { ENDING_STAGE } from "../domain/ending.ts";
import { PartnershipNotFoundError } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import { isTerminal, type Stage } from "../domain/lifecycle.ts";
import type { Decision, PartnershipEnding } from "../domain/partnership.ts";
import type { PendingEffects } from "../domain/pending-effects.ts";
import { reviewExecutionName, scheduledReviewOn } from "../domain/review.ts";
import { eventDraft } from "../events/draft.ts";
import type { ScheduleKind } from "../ports/partnership-repository.ts";
import type { ReviewCancellation } from "../ports/review-schedules.ts";
import type { Needs } from "./dependencies.ts";
import { notifier } from "./notices.ts";
import { settle } from "./pending-effects.ts";

/** Who ends it, how and why. */
export interface EndingRequest {
  partnershipId: string;
  how: PartnershipEnding;
  /** The partner's reason, or the lead's (the partner is emailed the lead's). */
  reason: string;
  /** The lead who terminates it (their id, and email for the ledger's actor); none for a withdrawal. */
  lead?: { sub: string; email: string } | undefined;
}

export type EndingResult =
  | { ok: true; stage: Stage; endedAt: string; already: boolean }
  /** It had ended already, otherwise (declined, expired, or the other ending): nothing changed. */
  | { ok: false; stage: Stage };

export type EndingDeps = Needs<"repository" | "clock" | "mailer" | "config" | "stopper"> & {
  /** The review's pending schedule: removed, never made (the ending's role may only delete one). */
  readonly reviewSchedules: ReviewCancellation;
};

/**
 * Every kind of the table's schedules, each removed when a partnership ends (a kind added to ScheduleKind must
 * be added here: the type says so).
 */
const SCHEDULE_KINDS: Readonly<Record<ScheduleKind, true>> = {
  "vetting-renewal": true,
  "evidence-lapse": true,
  // Locally the review's schedule is the table's; on AWS an EventBridge schedule (cancelled through the port),
  // and its removal is recorded here all the same.
  review: true,
};

/** The event that records each ending. */
const ENDED_EVENT = { withdrawn: "PartnershipWithdrawn", terminated: "PartnershipTerminated" } as const;

/** The cause a stopped execution records (no personal data: the reason is in the ledger, not here). */
const STOP_CAUSE: Record<PartnershipEnding, string> = {
  withdrawn: "The partner withdrew from the partnership",
  terminated: "The office lead terminated the partnership",
};

export async function endPartnership(deps: EndingDeps, request: EndingRequest): Promise<EndingResult> {
  const { partnershipId: id, how } = request;
  const to = ENDING_STAGE[how];
  const paying = { repository: deps.repository, notify: notifier(deps) };
  for (;;) {
    const record = await deps.repository.getPartnershipRecord(id);
    if (!record) throw new PartnershipNotFoundError(`No partnership ${id}`);
    const { partnership: p, events, decisions } = record;
    if (p.pending) {
      // An earlier step (or an earlier attempt of this ending) still owes its effects: they come first.
      await settle(paying, p, "pending", p.pending, events.at(-1));
      continue;
    }
    if (isTerminal(p.stage)) {
      if (p.stage !== to) return { ok: false, stage: p.stage };
      // This ending was made before (a retry, a POST sent again): finish what it may not have finished.
      const ended = events.findLast((e) => e.type === ENDED_EVENT[how]);
      await finish(deps, id, how, events);
      return { ok: true, stage: p.stage, endedAt: ended?.at ?? p.updatedAt, already: true };
    }
    const at = deps.clock.now().toISOString();
    const pending = endingEffects(deps, request, p.stage, at, events.at(-1), decisions);
    // Refused when the stage moved meanwhile (a workflow step, or another ending): read it again.
    if (!(await deps.repository.updateStage(id, p.stage, to, at, pending))) continue;
    await settle(paying, p, "pending", pending, events.at(-1));
    await finish(deps, id, how, events);
    return { ok: true, stage: to, endedAt: at, already: false };
  }
}

/** What the move owes: the stage's change and the ending's event, and the email to the other side. */
function endingEffects(
  deps: Needs<"clock" | "config">,
  request: EndingRequest,
  from: Stage,
  at: string,
  head: LedgerEvent | undefined,
  decisions: readonly Decision[],
): PendingEffects {
  const { partnershipId, how, reason, lead } = request;
  const origin = {
    partnershipId,
    at,
    actor: how === "withdrawn" ? "partner" : `lead:${lead?.email || lead?.sub}`,
  };
  const ended =
    how === "withdrawn"
      ? eventDraft("PartnershipWithdrawn", origin, { reason, confirmedAt: at })
      : eventDraft("PartnershipTerminated", origin, { reason, terminatedBy: lead?.sub ?? "" });
  return {
    id: newId(deps.clock.now()),
    afterSeq: head?.seq ?? 0,
    events: [eventDraft("StageChanged", origin, { from, to: ENDING_STAGE[how], outcome: how }), ended],
    notice:
      how === "withdrawn"
        ? { kind: "withdrawn", reason, officers: officersOf(deps, decisions), at }
        : { kind: "terminated", reason },
  };
}

/**
 * The staff whose open decisions the withdrawal closes (officers, the lead): told with the office. Only staff
 * addresses: a partner's or signatory's step has no one to tell here.
 */
function officersOf(deps: Needs<"config">, decisions: readonly Decision[]): string[] {
  const staff = new Set([
    ...deps.config.OFFICER_EMAILS,
    ...(deps.config.LEAD_EMAIL ? [deps.config.LEAD_EMAIL] : []),
  ]);
  const open = decisions.filter((d) => d.status === "open" && !d.retiredAt && staff.has(d.assignee));
  return [...new Set(open.map((d) => d.assignee))];
}

/** Closes the open decisions, stops the executions and cancels the schedules; each is harmless twice. */
async function finish(
  deps: EndingDeps,
  id: string,
  how: PartnershipEnding,
  events: readonly LedgerEvent[],
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.repository.closeOpenDecisions(id, how, at);
  // The executions that waited in a decision this ending closed (a retry finds them closed), and the onboarding.
  const record = await deps.repository.getPartnershipRecord(id);
  const waiting = (record?.decisions ?? [])
    .filter((d) => d.closedBecause === how && d.executionArn)
    .map((d) => d.executionArn as string);
  const ledger = record?.events ?? events;
  const arnOf = ({ workflow, name }: { workflow: string; name: string }) => {
    const arn = deps.stopper.executionOf(workflow, name);
    return arn ? [arn] : [];
  };
  const onboarding = arnOf({ workflow: "onboarding", name: id });
  const named = namedExecutions(id, ledger).flatMap(arnOf);
  for (const arn of new Set([...onboarding, ...waiting, ...named]))
    await deps.stopper.stop(arn, STOP_CAUSE[how]);
  // The review's schedule is named by its day: the one the ledger records as pending.
  await deps.reviewSchedules.cancel(id, scheduledReviewOn(ledger) ?? undefined);
  await cancelSchedules(deps, id, how, ledger, at);
}

/**
 * The executions the ledger names that may still run: each review round begun (ReviewStarted) and not completed
 * (no ReviewCompleted of it), and each retry (WorkflowRetried records its workflow and execution). Stopping one
 * that has ended changes nothing.
 */
export function namedExecutions(
  id: string,
  events: readonly LedgerEvent[],
): { workflow: string; name: string }[] {
  const completed = new Set(
    events.filter((e) => e.type === "ReviewCompleted").map((e) => String(e.data.round ?? "")),
  );
  const reviews = events
    .filter((e) => e.type === "ReviewStarted" && typeof e.data.round === "string")
    .map((e) => e.data.round as string)
    .filter((round) => !completed.has(round))
    .map((round) => ({ workflow: "review", name: reviewExecutionName(id, round) }));
  const retries = events.flatMap((e) =>
    e.type === "WorkflowRetried" &&
    typeof e.data.workflow === "string" &&
    typeof e.data.execution === "string"
      ? [{ workflow: e.data.workflow, name: e.data.execution }]
      : [],
  );
  return [...reviews, ...retries];
}

/** Removes each of the table's schedules, and records each one removed (ScheduleSet null) once. */
async function cancelSchedules(
  deps: Needs<"repository">,
  id: string,
  how: PartnershipEnding,
  events: readonly LedgerEvent[],
  at: string,
): Promise<void> {
  for (const kind of Object.keys(SCHEDULE_KINDS) as ScheduleKind[]) {
    await deps.repository.setSchedule(id, kind, undefined, at);
    const recorded = events.findLast((e) => e.type === "ScheduleSet" && e.data.kind === kind);
    if (!recorded || recorded.data.dueOn === null) continue;
    await deps.repository.appendEvent(
      eventDraft(
        "ScheduleSet",
        { partnershipId: id, at, actor: how === "withdrawn" ? "system:withdrawal" : "system:termination" },
        { kind, dueOn: null },
      ),
    );
  }
}
