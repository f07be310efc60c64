/**
 * The vetting renewal's state machine: started by the renewal sweep (functions/start-vetting-renewals) once a
 * waiver on an active partnership's vetting has ended. The partner gives the waived items (vetting-renewal),
 * an officer reviews them (vetting-renewal-review): renewed, asked again, or the partnership marked at risk;
 * time running out marks it at risk too. A separate Standard state machine, so that the onboarding's
 * execution ends at ACTIVE and nothing runs for months.
 */
import type { Duration } from "aws-cdk-lib";
import { aws_stepfunctions as sfn } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { STEPS, type StepKind, type StepRegistry } from "../../shared/steps/index.ts";
import { DECISION_PATH, humanStepTask, routeHumanStep } from "../human-step.ts";
import { lambdaTask } from "../lambda-task.ts";
import { REVETTING_STATE } from "./states.ts";

export { REVETTING_STATE } from "./states.ts";

export interface RevettingFunctions {
  /** Opens any human step (functions/open-step). */
  readonly openStep: IFunction;
  readonly recordOutcome: IFunction;
  readonly recordFailure: IFunction;
}

/** The human steps of the vetting renewal, in the order they meet. */
export const REVETTING_STEPS: readonly StepKind[] = ["vetting-renewal", "vetting-renewal-review"];

/** The round (the day the renewal fell due) the execution was started for: its outcome is recorded once. */
const ROUND = sfn.JsonPath.stringAt("$.round");

export function buildRevettingDefinition(
  scope: Construct,
  fns: RevettingFunctions,
  timeouts: Readonly<Record<string, Duration>>,
  steps: StepRegistry = STEPS,
): sfn.IChainable {
  const S = REVETTING_STATE;
  const recordFailure = lambdaTask(scope, S.recordWorkflowFailure, fns.recordFailure, {
    error: sfn.JsonPath.stringAt("$.failure.Error"),
    cause: sfn.JsonPath.stringAt("$.failure.Cause"),
  }).next(new sfn.Fail(scope, S.workflowFailed, { error: "VettingRenewalFailed", cause: "See the ledger" }));
  const onFailure = (task: sfn.TaskStateBase) =>
    task.addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: "$.failure" });
  const outcome = (name: string, payload: Record<string, unknown>) =>
    onFailure(lambdaTask(scope, name, fns.recordOutcome, { round: ROUND, ...payload }));

  const atRisk = new sfn.Succeed(scope, S.atRisk);
  const states = new Map<string, sfn.IChainable>([
    [
      S.recordRenewal,
      outcome(S.recordRenewal, { outcome: "vetting-renewed" }).next(new sfn.Succeed(scope, S.renewed)),
    ],
    [
      S.markAtRisk,
      outcome(S.markAtRisk, { outcome: "at-risk", "comment.$": `${DECISION_PATH}.comment` }).next(atRisk),
    ],
  ]);
  // Time ran out on a step: at risk, with no officer's comment (there is no decision to read one from).
  const notGivenInTime = outcome(S.notGivenInTime, { outcome: "at-risk" }).next(atRisk);

  const tasksOf = new Map<StepKind, ReturnType<typeof humanStepTask>>();
  for (const kind of REVETTING_STEPS) {
    const step = steps[kind];
    const timeout = timeouts[kind];
    if (!step || !timeout)
      throw new Error(`The vetting renewal needs the human step "${kind}" and its timeout`);
    const task = humanStepTask(scope, step, {
      fn: fns.openStep,
      timeout,
      onTimeout: notGivenInTime,
      onFailure: recordFailure,
    });
    tasksOf.set(kind, task);
    states.set(step.state, task);
  }
  for (const kind of REVETTING_STEPS) {
    const step = steps[kind];
    const task = tasksOf.get(kind);
    if (!step || !task) continue;
    routeHumanStep(scope, step, task, {
      next: (name) => {
        const target = states.get(name);
        if (!target) throw new Error(`Step ${kind}: no state ${name} in the vetting renewal`);
        return target;
      },
      onFailure: recordFailure,
    });
  }
  const first = tasksOf.get("vetting-renewal");
  if (!first) throw new Error("The vetting renewal starts with the vetting-renewal step");
  return first;
}
