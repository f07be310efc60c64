/**
 * The failure task of every workflow (functions/record-failure): a workflow that failed no longer keeps its stage
 * (issue 13). The partnership goes to NEEDS_ATTENTION, the stage it left, the workflow, the execution, the state
 * that failed and the error recorded (WorkflowFailed), and the lead (else the office) is emailed a link to the
 * inbox, where they retry the failed step or terminate (services/retry-workflow.ts).
 *
 * A partnership that has ended stays ended, and one that needs attention already keeps that stage: the failure
 * is recorded, and no one emailed again (no alarm storm: a task failing on a terminated partnership, a second
 * workflow failing). Each execution's failure is recorded once, however often the task runs.
 */

import { isTransient } from "../config/task-retries.ts";
import { safeCause, safeErrorName } from "../domain/failure-cause.ts";
import { newId } from "../domain/ids.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import { type Stage, WORKING_STAGES } from "../domain/lifecycle.ts";
import type { Partnership } from "../domain/partnership.ts";
import type { PendingEffects } from "../domain/pending-effects.ts";
import { type FailedState, failedStateOf } from "../domain/resume-points.ts";
import { eventDraft } from "../events/draft.ts";
import { emails, officeOf } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";
import { notifier } from "./notices.ts";
import { readWithHead, type SettleProgress, settle } from "./pending-effects.ts";

/** How often, and how far apart, the failure step tries to pay the failed step's debt through passing faults. */
const SETTLE_ATTEMPTS = 3;
const SETTLE_BACKOFF_MS = 250;
/**
 * How often the move to NEEDS_ATTENTION is tried when someone else moves the stage first; then the failure is
 * recorded without it, and the lead told all the same.
 */
const MOVE_ATTEMPTS = 3;

/** What the failure task is given (shared/schemas/task-events.ts, failureEventSchema). */
export interface FailureInput {
  partnershipId: string;
  /** Before issue 13: the error and its cause, with no state. */
  error?: string | undefined;
  cause?: string | undefined;
  workflow?: string | undefined;
  execution?: string | undefined;
  failed?: Readonly<Record<string, { Error?: string | undefined; Cause?: string | undefined }>> | undefined;
  carry?: Readonly<Record<string, string>> | undefined;
  round?: string | undefined;
}

/** The failure as recorded: the failed state's error by name, and only the safe part of its cause. */
interface Failure {
  workflow: string;
  /** The execution's name: a failure is recorded once per execution (before issue 13, its name as started). */
  execution: string;
  failed: FailedState | undefined;
  error: string;
  cause: string;
}

function failureOf(input: FailureInput): Failure {
  const failed = failedStateOf(input.failed);
  const error = failed?.error ?? input.error ?? "UnknownError";
  return {
    workflow: input.workflow ?? (input.round ? "vetting-renewal" : "onboarding"),
    execution:
      input.execution ?? (input.round ? `${input.partnershipId}-${input.round}` : input.partnershipId),
    failed,
    error: safeErrorName(error),
    cause: safeCause(failed?.cause ?? input.cause ?? ""),
  };
}

/**
 * Records the failure (see the module's comment). What the failed step still owed is completed first, if it
 * can be; if not (say SES refuses that email for good), the failure is recorded and reported all the same,
 * naming what is still owed, and the stage stays (its write waits on what is owed). A partnership that does not
 * exist has no ledger to record in: the office is told.
 */
export async function recordFailure(
  deps: Needs<"repository" | "clock" | "mailer" | "config">,
  input: FailureInput,
  step: string,
): Promise<void> {
  const failure = failureOf(input);
  const { partnership: p, head: readHead } = await readWithHead(deps, input.partnershipId);
  if (!p) {
    await deps.mailer.send(
      emails.failure(officeOf(deps.config), deps.config.OFFICE_EMAIL, input.partnershipId, failure.error),
    );
    return;
  }
  const paying = { repository: deps.repository, notify: notifier(deps) };
  const stillOwed = p.pending ? await payWhatTheStepOwed(deps, p, readHead) : undefined;
  let head = p.pending ? undefined : readHead;
  // A first attempt of this step recorded the failure but did not finish: finish it.
  if (p.failurePending) return settle(paying, p, "failurePending", p.failurePending, head);

  let current: Partnership = p;
  for (let attempt = 1; ; attempt++) {
    const events = await deps.repository.listEvents(current.id);
    // An earlier attempt of this task recorded this execution's failure (and moved the stage) already.
    if (recordedAlready(events, failure.execution)) return;
    const at = deps.clock.now().toISOString();
    const seenSeq = events.at(-1)?.seq ?? 0;
    // Moved unless what the failed step owes stands in the way (the stage's write waits on it).
    const moves =
      WORKING_STAGES.includes(current.stage) && stillOwed === undefined && attempt <= MOVE_ATTEMPTS;
    const pending = effectsOf(current, failure, input, step, {
      at,
      id: newId(deps.clock.now()),
      seenSeq,
      stillOwed,
      from: moves ? current.stage : undefined,
    });
    if (moves) {
      if (await deps.repository.updateStage(current.id, current.stage, "NEEDS_ATTENTION", at, pending)) {
        await settle(paying, current, "pending", pending, head);
        return;
      }
      // Someone moved the stage first (or effects are owed): go on from where it is now.
      current = (await deps.repository.getPartnership(current.id)) ?? current;
      head = undefined;
      continue;
    }
    // Ended, already needing attention, or still owing the failed step's effects: recorded, the stage kept.
    if (await deps.repository.setPendingOnce(current.id, markerOf(failure), at, "failurePending", pending))
      await settle(paying, current, "failurePending", pending, head);
    return;
  }
}

/** The once-only marker of a failure recorded without a move of the stage. */
function markerOf(failure: Failure): string {
  return `failureRecorded_${failure.execution}`;
}

function recordedAlready(events: readonly LedgerEvent[], execution: string): boolean {
  return events.some(
    (e) => e.type === "WorkflowFailed" && (e.data as { execution?: unknown }).execution === execution,
  );
}

/** WorkflowFailed (and, when the stage moves, StageChanged to NEEDS_ATTENTION with the lead's notice). */
function effectsOf(
  p: Partnership,
  failure: Failure,
  input: FailureInput,
  step: string,
  write: { at: string; id: string; seenSeq: number; stillOwed: string | undefined; from: Stage | undefined },
): PendingEffects {
  const origin = { partnershipId: p.id, at: write.at, actor: "system:workflow", step };
  const state = failure.failed?.state;
  const failed = eventDraft("WorkflowFailed", origin, {
    error: failure.error,
    cause: failure.cause,
    workflow: failure.workflow,
    execution: failure.execution,
    ...(state ? { state } : {}),
    ...(input.round ? { round: input.round } : {}),
    ...(input.carry && Object.keys(input.carry).length > 0 ? { carry: { ...input.carry } } : {}),
    ...(write.stillOwed ? { stillOwed: write.stillOwed } : {}),
    ...(write.from ? { from: write.from } : {}),
  });
  const error = write.stillOwed ? `${failure.error}; not done: ${write.stillOwed}` : failure.error;
  if (write.from)
    return {
      id: write.id,
      afterSeq: write.seenSeq,
      events: [
        failed,
        eventDraft("StageChanged", origin, { from: write.from, to: "NEEDS_ATTENTION", outcome: "failed" }),
      ],
      notice: { kind: "failure", error, round: input.round, workflow: failure.workflow, state },
    };
  // The stage did not move: told only when the partnership is still under way (its effects owed for good).
  const told = WORKING_STAGES.includes(p.stage);
  return {
    id: write.id,
    afterSeq: write.seenSeq,
    events: [failed],
    ...(told ? { notice: { kind: "failure" as const, error, round: input.round } } : {}),
  };
}

/**
 * Pays what the failed step still owed, through passing faults; what it could not pay, in words, or undefined.
 * A passing fault is tried again here, not left to the state machine's Retry: that Retry also spends its attempts
 * on faults before this code runs, and when it runs out, nothing would be recorded.
 */
async function payWhatTheStepOwed(
  deps: Needs<"repository" | "clock" | "mailer" | "config">,
  p: Partnership,
  head: LedgerEvent | undefined,
): Promise<string | undefined> {
  const pending = p.pending;
  if (!pending) return undefined;
  const paying = { repository: deps.repository, notify: notifier(deps) };
  for (let attempt = 1; ; attempt++) {
    const progress: SettleProgress = {};
    try {
      // The head read first is stale once an attempt has failed.
      await settle(paying, p, "pending", pending, attempt === 1 ? head : undefined, progress);
      return undefined;
    } catch (error) {
      if (isTransient(error) && attempt < SETTLE_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_BACKOFF_MS * attempt));
        continue;
      }
      return owedAfter(pending, progress, error);
    }
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
