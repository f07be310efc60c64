/**
 * The lead's retry of a workflow that failed (issue 13): the partnership goes back from NEEDS_ATTENTION to the
 * stage it left, and a new execution of the same state machine resumes at the state that failed
 * (workflows/resume.ts), named `<the failed execution's first name>-retry-<n>`. What the state reads comes with
 * it: the fields the failed execution carried (the renewal's round and reviewer, recorded by WorkflowFailed),
 * and the decision that led there (`$.decision`: the output the workflow's latest decided step resumed it with,
 * kept with that decision). A human step that failed is asked again: once the stage has moved back, the failed
 * execution's open decisions, if one was left, are retired before the new execution starts (their links then
 * answer "replaced"), so there is never a second live link for a step. Another workflow's open decision (a
 * vetting renewal's step while a failed review waits) is left as it is, and a retry whose move is refused
 * retires nothing.
 *
 * A repeat after the stage moved but before the execution was known to start (a lost answer) starts the same
 * execution again, which Step Functions takes as the same start.
 */
import { PartnershipNotFoundError } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import { STAGES, type Stage, WORKING_STAGES } from "../domain/lifecycle.ts";
import type { Decision } from "../domain/partnership.ts";
import type { PendingEffects } from "../domain/pending-effects.ts";
import { resumeTargets } from "../domain/resume-points.ts";
import type { Principal } from "../domain/staff.ts";
import type { AslGraph } from "../domain/workflow-asl.ts";
import { eventDraft } from "../events/draft.ts";
import type { Needs } from "./dependencies.ts";
import { settle } from "./pending-effects.ts";

/** The failure a retry takes up: the WorkflowFailed event that moved the partnership to NEEDS_ATTENTION. */
export interface FailureToRetry {
  readonly seq: number;
  readonly at: string;
  readonly workflow: string;
  readonly execution: string;
  /** The state that failed; absent for a failure recorded before issue 13 (it cannot be retried). */
  readonly state: string | undefined;
  readonly error: string;
  readonly cause: string;
  /** The stage it left. */
  readonly from: Stage;
  readonly carry: Readonly<Record<string, string>>;
}

export type RetryResult =
  | {
      readonly ok: true;
      readonly workflow: string;
      readonly state: string;
      readonly execution: string;
      readonly stage: Stage;
      /** A repeat of a retry made already: the same execution, started again harmlessly. */
      readonly already: boolean;
    }
  | { readonly ok: false; readonly reason: "not-needing-attention"; readonly stage: Stage }
  | {
      readonly ok: false;
      readonly reason: "not-resumable";
      readonly failure: FailureToRetry | undefined;
    }
  /** Someone else moved the stage meanwhile (another retry, a termination). */
  | { readonly ok: false; readonly reason: "moved" };

const isStage = (value: unknown): value is Stage => STAGES.includes(value as Stage);

/** The WorkflowFailed event that moved the stage to NEEDS_ATTENTION last, if any. */
export function failureToRetry(events: readonly LedgerEvent[]): FailureToRetry | undefined {
  const e = events.findLast((event) => event.type === "WorkflowFailed" && isStage(event.data.from));
  if (!e) return undefined;
  const d = e.data as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const carry = d.carry && typeof d.carry === "object" ? (d.carry as Record<string, unknown>) : {};
  return {
    seq: e.seq,
    at: e.at,
    workflow: text(d.workflow) ?? "onboarding",
    execution: text(d.execution) ?? e.partnershipId,
    state: text(d.state),
    error: text(d.error) ?? "UnknownError",
    cause: text(d.cause) ?? "",
    from: d.from as Stage,
    carry: Object.fromEntries(
      Object.entries(carry).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    ),
  };
}

/** Whether the failure can be retried: its workflow is known and its state is one the workflow resumes at. */
export function canRetry(
  failure: FailureToRetry | undefined,
  graphs: Readonly<Record<string, AslGraph>>,
): failure is FailureToRetry & { state: string } {
  if (!failure?.state || !WORKING_STAGES.includes(failure.from)) return false;
  const graph = Object.hasOwn(graphs, failure.workflow) ? graphs[failure.workflow] : undefined;
  return graph !== undefined && resumeTargets(graph).includes(failure.state);
}

/**
 * The output the workflow's latest decided step resumed it with (its `$.decision` when it failed): the newest
 * decided decision the workflow's own states asked for (each step's events name its state and decision).
 */
function decisionOf(
  decisions: readonly Decision[],
  events: readonly LedgerEvent[],
  graph: AslGraph,
): Record<string, unknown> | undefined {
  const stateOf = new Map<string, string>();
  for (const e of events) {
    const decisionId = (e.data as { decisionId?: unknown }).decisionId;
    if (typeof decisionId === "string" && e.step && !stateOf.has(decisionId)) stateOf.set(decisionId, e.step);
  }
  const latest = decisions
    .filter((d) => d.status === "decided" && d.resumeOutput !== undefined && d.decidedAt !== undefined)
    .filter((d) => Object.hasOwn(graph.States, stateOf.get(d.decisionId) ?? ""))
    .sort((a, b) => ((a.decidedAt ?? "") < (b.decidedAt ?? "") ? -1 : 1))
    .at(-1);
  return latest?.resumeOutput ? (JSON.parse(latest.resumeOutput) as Record<string, unknown>) : undefined;
}

/** The retry's execution name: the failed one's first name, and how many retries the partnership has had. */
function retryName(failure: FailureToRetry, events: readonly LedgerEvent[]): string {
  const base = failure.execution.replace(/-retry-\d+$/, "");
  const n = events.filter((e) => e.type === "WorkflowRetried").length + 1;
  return `${base}-retry-${n}`.slice(0, 80);
}

export async function retryFailedStep(
  deps: Needs<"repository" | "clock" | "retrier">,
  id: string,
  lead: Pick<Principal, "email">,
  graphs: Readonly<Record<string, AslGraph>>,
): Promise<RetryResult> {
  const record = await deps.repository.getPartnershipRecord(id);
  if (!record) throw new PartnershipNotFoundError(`No partnership ${id}`);
  const { partnership: p, events, decisions } = record;
  const failure = failureToRetry(events);
  if (p.stage !== "NEEDS_ATTENTION")
    return repeatOrRefuse(deps, id, p.stage, { events, decisions, failure }, graphs);
  if (!canRetry(failure, graphs)) return { ok: false, reason: "not-resumable", failure };
  const graph = graphs[failure.workflow] as AslGraph;
  const at = deps.clock.now().toISOString();
  const execution = retryName(failure, events);
  const origin = { partnershipId: id, at, actor: `lead:${lead.email}`, step: failure.state };
  const pending: PendingEffects = {
    id: newId(deps.clock.now()),
    afterSeq: events.at(-1)?.seq ?? 0,
    events: [
      eventDraft("WorkflowRetried", origin, {
        by: lead.email,
        workflow: failure.workflow,
        state: failure.state,
        execution,
        to: failure.from,
      }),
      eventDraft("StageChanged", origin, { from: "NEEDS_ATTENTION", to: failure.from, outcome: "retried" }),
    ],
  };
  if (!(await deps.repository.updateStage(id, "NEEDS_ATTENTION", failure.from, at, pending)))
    return { ok: false, reason: "moved" };
  // The failed step's link left open is retired before anything asks it again: never two live links for one step.
  await retireLeftOpen(deps, id, failure, decisions, at);
  await settle({ repository: deps.repository }, p, "pending", pending);
  return restart(deps, id, failure, { events, decisions }, graph, {
    execution,
    stage: failure.from,
    already: false,
  });
}

/** Starts the retry's execution at the failed state, with what it carries, and says so. */
async function restart(
  deps: Needs<"retrier">,
  id: string,
  failure: FailureToRetry & { state: string },
  read: { events: readonly LedgerEvent[]; decisions: readonly Decision[] },
  graph: AslGraph,
  started: { execution: string; stage: Stage; already: boolean },
): Promise<RetryResult> {
  await deps.retrier.restart(
    failure.workflow,
    started.execution,
    retryInput(id, failure, decisionOf(read.decisions, read.events, graph)),
  );
  return { ok: true, workflow: failure.workflow, state: failure.state, ...started };
}

/**
 * Retires the failed execution's decisions left open: those whose execution (`$$.Execution.Id`, an ARN ending in
 * the execution's name) is the one WorkflowFailed names, and those opened before decisions recorded their
 * execution (they may be its own; before, a retry retired every open decision). Each is retired only while
 * still open, so a repeat retires nothing more.
 */
async function retireLeftOpen(
  deps: Needs<"repository">,
  id: string,
  failure: FailureToRetry,
  decisions: readonly Decision[],
  at: string,
): Promise<void> {
  const ofFailed = decisions.filter(
    (d) =>
      d.status === "open" &&
      !d.retiredAt &&
      (d.executionArn === undefined || executionNameOf(d.executionArn) === failure.execution),
  );
  for (const d of ofFailed) await deps.repository.retireDecision(id, d.decisionId, at);
}

/** An execution's name, from its ARN (`arn:aws:states:<region>:<account>:execution:<machine>:<name>`). */
export function executionNameOf(executionArn: string): string {
  return executionArn.slice(executionArn.lastIndexOf(":") + 1);
}

/** What the new execution starts with: the state to resume at, and what the states from there read. */
export function retryInput(
  id: string,
  failure: FailureToRetry & { state: string },
  decision: Record<string, unknown> | undefined,
): Record<string, unknown> {
  // The review's steps read who evaluates from what BeginReview answered (`$.review`): the failure carried it as
  // `reviewer` (as assigned, escalated, or the lead's); a failure recorded before it did begins with the assigned.
  const { reviewer, ...carried } = failure.carry;
  return {
    ...(failure.workflow === "review" ? carried : failure.carry),
    ...(failure.workflow === "review" ? { review: { started: true, reviewer: reviewer ?? "assigned" } } : {}),
    partnershipId: id,
    resumeAt: failure.state,
    ...(decision ? { decision } : {}),
  };
}

/**
 * Not in NEEDS_ATTENTION: a repeat of the retry that moved it back (the newest WorkflowRetried, after the failure,
 * with nothing since that moved the stage) starts that execution again; anything else is refused.
 */
async function repeatOrRefuse(
  deps: Needs<"repository" | "clock" | "retrier">,
  id: string,
  stage: Stage,
  read: {
    events: readonly LedgerEvent[];
    decisions: readonly Decision[];
    failure: FailureToRetry | undefined;
  },
  graphs: Readonly<Record<string, AslGraph>>,
): Promise<RetryResult> {
  const { events, decisions, failure } = read;
  const retried = events.findLast((e) => e.type === "WorkflowRetried");
  const lastMove = events.findLast((e) => e.type === "StageChanged");
  const d = retried?.data as { execution?: string; to?: string } | undefined;
  if (
    !retried ||
    !failure ||
    !canRetry(failure, graphs) ||
    retried.seq < failure.seq ||
    (lastMove && lastMove.seq > retried.seq + 1) ||
    d?.to !== stage ||
    !d.execution ||
    // Only while nothing of the new execution is recorded yet: it may not have started.
    events.some((e) => e.seq > retried.seq + 1 && e.type !== "EmailSent")
  )
    return { ok: false, reason: "not-needing-attention", stage };
  const graph = graphs[failure.workflow] as AslGraph;
  // The first attempt may have stopped between the move and the retirement.
  await retireLeftOpen(deps, id, failure, decisions, deps.clock.now().toISOString());
  return restart(deps, id, failure, read, graph, { execution: d.execution, stage, already: true });
}
