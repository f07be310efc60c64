/**
 * Where a failed workflow can be taken up again (issue 13, "retry the failed step"): the vocabulary shared by
 * the state machines (workflows/resume.ts builds it), the record of a failure (services/workflow-steps.ts) and
 * the retry (services/retry-workflow.ts). CDK-free, so that handlers import it.
 *
 * Every state machine starts with the Choice RESUME_STATE: an execution whose input has no `resumeAt` goes to
 * the machine's first state, as ever; one whose `resumeAt` names a task goes straight there. Each task's Catch
 * puts its error at `$.failed.<its state name>`, so the failure task is told which state failed without an
 * extra state per task.
 */
import type { AslGraph } from "./workflow-asl.ts";

/** The first state of every state machine: a Choice on `$.resumeAt`. */
export const RESUME_STATE = "ResumeAt";

/** Where an execution's input names the state to resume at. */
export const RESUME_AT_PATH = "$.resumeAt";

/** Where each task's Catch puts its error: under the failed state's own name. */
export const FAILED_PATH = "$.failed";

/** The Choice rule of a resume point, as the diagram's shape (shared/domain/workflow-asl.ts) words it. */
export function resumeCondition(state: string): string {
  return `resumeAt = ${state}`;
}

/** The states a workflow can resume at: each branch of its RESUME_STATE that names its own target. */
export function resumeTargets(graph: AslGraph): string[] {
  const choices = graph.States[RESUME_STATE]?.Choices ?? [];
  return choices.filter((c) => c.Condition === resumeCondition(c.Next)).map((c) => c.Next);
}

/** What the failure task is told of the state that failed: `$.failed`, one entry (the execution ends there). */
export interface FailedState {
  readonly state: string;
  readonly error: string;
  readonly cause: string;
}

/** The failed state from `$.failed` ({ <state>: { Error, Cause } }); undefined when there is none. */
export function failedStateOf(
  failed: Readonly<Record<string, { Error?: unknown; Cause?: unknown }>> | undefined,
): FailedState | undefined {
  const [entry] = Object.entries(failed ?? {});
  if (!entry) return undefined;
  const [state, { Error: error, Cause: cause }] = entry;
  return {
    state,
    error: typeof error === "string" ? error : "UnknownError",
    cause: typeof cause === "string" ? cause : "",
  };
}
