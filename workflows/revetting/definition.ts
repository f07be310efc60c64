/**
 * The vetting renewal's state machine: started by the renewal sweep (functions/start-vetting-renewals) once a
 * waiver on an active partnership's vetting has ended. The partner gives the waived items (vetting-renewal),
 * an officer reviews them (vetting-renewal-review): renewed, asked again, or the partnership marked at risk.
 * The partner's time running out marks it at risk; the review's is escalated once, then marks it at risk and
 * tells the office. The execution's input: { partnershipId, round, reviewer: "assigned" }; a retry's adds
 * `resumeAt` and the decision (workflows/resume.ts). A separate Standard state machine, so that the onboarding's
 * execution ends at ACTIVE and nothing runs for months.
 */
import { aws_stepfunctions as sfn } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { STEPS, type StepKind, type StepRegistry } from "../../shared/steps/index.ts";
import { DECISION_PATH, humanStepTask, routeHumanStep, type StepTiming } from "../human-step.ts";
import { lambdaTask } from "../lambda-task.ts";
import { resumePoints } from "../resume.ts";
import { timeoutBranch } from "../timeout-branch.ts";
import { ESCALATED, REVETTING_STATE } from "./states.ts";

export { REVETTING_STATE } from "./states.ts";

export interface RevettingFunctions {
  /** Opens any human step (functions/open-step). */
  readonly openStep: IFunction;
  readonly recordOutcome: IFunction;
  readonly recordFailure: IFunction;
  /** Tells the lead that a step timed out, before the partnership is marked at risk. */
  readonly tellLeadOfTimeout: IFunction;
}

/** The human steps of the vetting renewal, in the order they meet. */
export const REVETTING_STEPS: readonly StepKind[] = ["vetting-renewal", "vetting-renewal-review"];

/** The round (the day the renewal fell due) the execution was started for: its outcome is recorded once. */
const ROUND = sfn.JsonPath.stringAt("$.round");

export function buildRevettingDefinition(
  scope: Construct,
  fns: RevettingFunctions,
  timeouts: Readonly<Record<string, StepTiming>>,
  steps: StepRegistry = STEPS,
): sfn.IChainable {
  const S = REVETTING_STATE;
  // Every task that can fail is a resume point; a retry passes the round and the reviewer on.
  const points = resumePoints(scope, "vetting-renewal", () => recordFailure, ["round", "reviewer"]);
  const recordFailure = lambdaTask(scope, S.recordWorkflowFailure, fns.recordFailure, {
    ...points.failurePayload(),
    round: ROUND,
  }).next(new sfn.Fail(scope, S.workflowFailed, { error: "VettingRenewalFailed", cause: "See the ledger" }));
  const onFailure = <T extends sfn.TaskStateBase>(task: T) => points.catchFailure(task);
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
      outcome(S.markAtRisk, {
        outcome: "at-risk",
        reason: "declined",
        "comment.$": `${DECISION_PATH}.comment`,
      }).next(atRisk),
    ],
  ]);
  // The partner's time ran out: the lead is told, then at risk (there is no decision, so no comment).
  const notGivenInTime = timeoutBranch(scope, {
    fn: fns.tellLeadOfTimeout,
    name: S.tellLeadNotGiven,
    payload: { round: ROUND, outcome: "at-risk" },
    next: outcome(S.notGivenInTime, { outcome: "at-risk", reason: "not-given" }).next(atRisk),
    catchFailure: onFailure,
  });
  // The review's time ran out: opened once more for someone else (another officer, or the lead); if that runs
  // out too, at risk, and the office is told (the partner, who answered, is not blamed).
  const reviewOverdue = outcome(S.reviewOverdue, { outcome: "at-risk", reason: "review-overdue" }).next(
    atRisk,
  );
  const escalate = new sfn.Pass(scope, S.escalateReview, {
    result: sfn.Result.fromString(ESCALATED),
    resultPath: "$.reviewer",
  });
  const reviewTimedOut = new sfn.Choice(scope, S.reviewTimedOut)
    .when(
      sfn.Condition.stringEquals("$.reviewer", ESCALATED),
      timeoutBranch(scope, {
        fn: fns.tellLeadOfTimeout,
        name: S.tellLeadReviewOverdue,
        payload: { round: ROUND, outcome: "at-risk" },
        next: reviewOverdue,
        catchFailure: onFailure,
      }),
    )
    .otherwise(escalate);

  const tasksOf = new Map<StepKind, ReturnType<typeof humanStepTask>>();
  for (const kind of REVETTING_STEPS) {
    const step = steps[kind];
    const timeout = timeouts[kind];
    if (!step || !timeout)
      throw new Error(`The vetting renewal needs the human step "${kind}" and its timeout`);
    const task = humanStepTask(scope, step, {
      fn: fns.openStep,
      timeout,
      onTimeout: step.asked === "officer" ? reviewTimedOut : notGivenInTime,
      onFailure: recordFailure,
    });
    if (step.asked === "officer") escalate.next(task);
    tasksOf.set(kind, task);
    states.set(step.state, task);
    points.add(task);
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
  return points.entry(first);
}
