/**
 * How a state machine is made resumable at the state that failed (issue 13: "the lead can retry the failed
 * step"), for any workflow: the onboarding, the vetting renewal and the periodic review build theirs with it.
 *
 * - `catchFailure(task)` gives a task the Catch of every error to the workflow's failure task, the error put at
 *   `$.failed.<the task's state name>` (shared/domain/resume-points.ts): the failure task is told which state
 *   failed with no extra state, and no extra transition, per task. The task becomes a resume point.
 * - `add(task)` makes a task whose Catch is its own (a human step's: humanStepTask puts it at the same place) a
 *   resume point.
 * - `entry(start)` is the machine's first state: the Choice RESUME_STATE on `$.resumeAt`. An execution without
 *   it goes to `start`, as before (one more transition per execution); one whose `resumeAt` names a resume point
 *   goes straight there. The retry (shared/services/retry-workflow.ts) starts such an execution with what the
 *   state reads: the partnership's id, the execution's own fields (`carry`: the renewal's round and reviewer),
 *   and the decision that led there (`$.decision`, as its deciding POST resumed the workflow with it).
 * - `failurePayload()` is what the failure task is given: the workflow's name, the execution's name, the failed
 *   state and its error (`$.failed`), and the carried fields.
 *
 * Call `entry` last, once every task is made: each resume point then has its Choice branch.
 */
import { aws_stepfunctions as sfn } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { FAILED_PATH, RESUME_AT_PATH, RESUME_STATE } from "../shared/domain/resume-points.ts";
import type { WorkflowName } from "../shared/domain/workflow-asl.ts";

/** The workflows a failure names and a retry restarts: those the console draws, and the periodic review. */
export type ResumableWorkflow = WorkflowName | "review";

/** Where a task's Catch puts its error: `$.failed.<state>` (a Pass that fails a step puts its error there too). */
export function failedPath(state: string): string {
  return `${FAILED_PATH}.${state}`;
}

export interface ResumePoints {
  /** Adds the Catch of every error to the failure task; the task becomes a resume point. */
  catchFailure<T extends sfn.TaskStateBase>(task: T): T;
  /** A task that catches its own failures into `$.failed.<state>` (a human step's) becomes a resume point. */
  add(task: sfn.TaskStateBase): void;
  /** As catchFailure, through `handler` (a state that leads to the failure task) instead of straight there. */
  catchInto<T extends sfn.TaskStateBase>(handler: sfn.IChainable, task: T): T;
  /** The machine's first state: the Choice on `$.resumeAt`, to `start` when it is absent. */
  entry(start: sfn.IChainable): sfn.Choice;
  /** The failure task's payload (see the module's comment). */
  failurePayload(): Record<string, unknown>;
}

/**
 * The resume points of one state machine: `workflow` names it (shared/domain/workflow-asl.ts), `onFailure` is its
 * failure task, and `carry` the fields of the execution's input its states read besides the partnership's id
 * and the decision (the renewal's `round` and `reviewer`), kept with the failure so that a retry passes them on:
 * a field's name (read at `$.<name>`), or a key and the path it is read at (the review's `reviewer`, at
 * `$.review.reviewer`: a key holds no dot). Each path must be there whenever a task can fail.
 */
export function resumePoints(
  scope: Construct,
  workflow: ResumableWorkflow,
  onFailure: () => sfn.IChainable,
  carry: readonly (string | readonly [key: string, path: string])[] = [],
): ResumePoints {
  const points = new Map<string, sfn.TaskStateBase>();
  const add = (task: sfn.TaskStateBase) => {
    if (points.has(task.stateId)) throw new Error(`${task.stateId} is a resume point already`);
    points.set(task.stateId, task);
  };
  return {
    catchFailure(task) {
      task.addCatch(onFailure(), { errors: [sfn.Errors.ALL], resultPath: failedPath(task.stateId) });
      add(task);
      return task;
    },
    add,
    catchInto(handler, task) {
      task.addCatch(handler, { errors: [sfn.Errors.ALL], resultPath: failedPath(task.stateId) });
      add(task);
      return task;
    },
    entry(start) {
      // AWS fails a Choice whose rule reads a field that is absent: the first rule looks for it. Not(IsPresent)
      // rather than IsPresent false, which the local engine (aws-local-stepfunctions) never finds true.
      const choice = new sfn.Choice(scope, RESUME_STATE, {
        comment: "A retry of a failed execution names the state to resume at; any other starts at the start.",
      }).when(sfn.Condition.not(sfn.Condition.isPresent(RESUME_AT_PATH)), start);
      for (const [name, task] of points) choice.when(sfn.Condition.stringEquals(RESUME_AT_PATH, name), task);
      return choice.otherwise(start);
    },
    failurePayload() {
      return {
        workflow,
        execution: sfn.JsonPath.stringAt("$$.Execution.Name"),
        failed: sfn.JsonPath.objectAt(FAILED_PATH),
        ...(carry.length > 0
          ? {
              carry: Object.fromEntries(
                carry.map((field) =>
                  typeof field === "string"
                    ? [field, sfn.JsonPath.stringAt(`$.${field}`)]
                    : [field[0], sfn.JsonPath.stringAt(field[1])],
                ),
              ),
            }
          : {}),
      };
    },
  };
}
