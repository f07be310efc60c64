/**
 * The periodic review's state machine, started by the partnership's one-time review schedule (EventBridge
 * Scheduler on AWS, the embedded runtime's scheduler locally) or by "start a review now" (start-review). Its
 * input: { partnershipId, round } (the day it fell due, or `now-<time>`). BeginReview moves ACTIVE → IN_REVIEW,
 * or ends it quietly when the partnership is not active. Then the partner's self-assessment and the officer's
 * evaluation: renew (back to ACTIVE, the next review scheduled), amend (the onboarding's signing steps, by
 * their own state names, for a new version of the agreement, then ACTIVE again; declined, ACTIVE again on the
 * version in force) or terminate. A separate
 * Standard state machine, so that no execution runs near Step Functions' one-year limit.
 */
import { aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { STEPS, type StepKind, type StepRegistry } from "../../shared/steps/index.ts";
import {
  DECISION_PATH,
  humanStepTask,
  routeHumanStep,
  STATE_NAME,
  type StepTiming,
  withRetry,
} from "../human-step.ts";
import { lambdaTask, TASK_TIMEOUT } from "../lambda-task.ts";
import { failedPath, resumePoints } from "../resume.ts";
import { timeoutBranch } from "../timeout-branch.ts";
import { AMENDMENT_STATES, REVIEW_STATE, REVIEWER } from "./states.ts";

export { REVIEW_STATE } from "./states.ts";

export interface ReviewFunctions {
  /** Opens any human step (functions/open-step). */
  readonly openStep: IFunction;
  /** Begins the review, and records each of its ends (functions/record-outcome). */
  readonly recordOutcome: IFunction;
  readonly issueAgreement: IFunction;
  readonly completeAgreement: IFunction;
  readonly recordFailure: IFunction;
  /** Tells the lead that a signing step of the amendment timed out, before it lapses (tell-lead-of-timeout). */
  readonly tellLeadOfTimeout: IFunction;
}

/** The review's own steps, then the amendment's (the onboarding's signing steps), in the order they meet. */
export const REVIEW_STEPS: readonly StepKind[] = ["review-self-assessment", "review-evaluation"];
export const AMENDMENT_STEPS: readonly StepKind[] = [
  "agreement-terms",
  "agreement-signing",
  "countersign",
  "paper-agreement",
];

/** Where the execution keeps what BeginReview answered: whether it began, and who evaluates. */
export const REVIEW_PATH = "$.review";

const ROUND = sfn.JsonPath.stringAt("$.round");

export function buildReviewDefinition(
  scope: Construct,
  fns: ReviewFunctions,
  timeouts: Readonly<Record<string, StepTiming>>,
  steps: StepRegistry = STEPS,
): sfn.IChainable {
  const S = REVIEW_STATE;
  const A = AMENDMENT_STATES;
  // Every task that can fail is a resume point (workflows/resume.ts): the lead's retry starts there again.
  // Carried: the round, and who evaluates (`$.review.reviewer`, which BeginReview's own Catch sets: see below).
  const points = resumePoints(scope, "review", () => recordFailure, [
    "round",
    ["reviewer", `${REVIEW_PATH}.reviewer`],
  ]);
  const recordFailure = lambdaTask(scope, S.recordWorkflowFailure, fns.recordFailure, {
    ...points.failurePayload(),
    round: ROUND,
  }).next(new sfn.Fail(scope, S.workflowFailed, { error: "ReviewFailed", cause: "See the ledger" }));
  const onFailure = <T extends sfn.TaskStateBase>(task: T) => points.catchFailure(task);
  const outcome = (name: string, value: string, withComment = false) =>
    onFailure(
      lambdaTask(scope, name, fns.recordOutcome, {
        outcome: value,
        round: ROUND,
        ...(withComment ? { "comment.$": `${DECISION_PATH}.comment` } : {}),
      }),
    );
  const invoke = (name: string, fn: IFunction, payload: Record<string, unknown>) =>
    onFailure(lambdaTask(scope, name, fn, payload));

  const states = new Map<string, sfn.IChainable>();
  states.set(
    S.recordRenewal,
    outcome(S.recordRenewal, "review-renewed", true).next(new sfn.Succeed(scope, S.renewed)),
  );
  states.set(S.startAmendment, outcome(S.startAmendment, "review-amend", true));
  states.set(
    S.terminate,
    outcome(S.terminate, "review-terminated", true).next(new sfn.Succeed(scope, S.terminated)),
  );
  // The partner's time ran out: the lead is told, then the review expires (the partner and the office told).
  const selfAssessmentOverdue = outcome(S.selfAssessmentOverdue, "review-self-assessment-overdue").next(
    outcome(S.expireReview, "review-expired").next(new sfn.Succeed(scope, S.reviewExpired)),
  );
  // The evaluation's time ran out: opened once more for someone else (another officer, or the lead); after that
  // the lead and the office are told, and it is opened for the lead; when the lead's own turn runs out too, the
  // workflow fails into its failure task (NEEDS_ATTENTION: the lead retries, which opens the evaluation again, or
  // terminates), rather than asking again until the execution's year runs out.
  const escalate = new sfn.Pass(scope, S.escalateEvaluation, {
    result: sfn.Result.fromString(REVIEWER.escalated),
    resultPath: `${REVIEW_PATH}.reviewer`,
  });
  const forLead = new sfn.Pass(scope, S.openForLead, {
    result: sfn.Result.fromString(REVIEWER.lead),
    resultPath: `${REVIEW_PATH}.reviewer`,
  });
  const leadOverdue = new sfn.Pass(scope, S.leadEvaluationOverdue, {
    result: sfn.Result.fromObject({
      Error: "ReviewEvaluationOverdue",
      Cause: "The review's evaluation was not made in time, the lead's turn included",
    }),
    resultPath: failedPath(S.awaitEvaluation),
  });
  const evaluationTimedOut = new sfn.Choice(scope, S.evaluationTimedOut)
    .when(sfn.Condition.stringEquals(`${REVIEW_PATH}.reviewer`, REVIEWER.assigned), escalate)
    .when(sfn.Condition.stringEquals(`${REVIEW_PATH}.reviewer`, REVIEWER.lead), leadOverdue)
    .otherwise(outcome(S.evaluationOverdue, "review-evaluation-overdue").next(forLead));
  // The amendment declined (at the terms, or on paper), by the onboarding's decline state name: unlike the
  // onboarding's, it does not end the partnership: ACTIVE again on the agreement in force, the lead told.
  states.set(
    A.declinePartnership,
    outcome(A.declinePartnership, "amendment-declined", true).next(
      new sfn.Succeed(scope, A.amendmentDeclined, {
        comment: "The amendment was declined: the partnership is active on the agreement in force.",
      }),
    ),
  );
  // A signing step of the amendment that times out: the lead told first, then the amendment lapses. Like a
  // declined one, it does not end the agreement in force (the onboarding's expiry would end the partnership).
  const lapse = timeoutBranch(scope, {
    fn: fns.tellLeadOfTimeout,
    name: A.tellLeadOfTimeout,
    payload: { round: ROUND, outcome: "amendment-lapses" },
    next: outcome(A.lapseAmendment, "amendment-lapsed").next(
      new sfn.Succeed(scope, A.amendmentLapsed, {
        comment:
          "A signing step of the amendment timed out: the partnership is active on the agreement in force.",
      }),
    ),
    catchFailure: onFailure,
  });

  // The amendment: the onboarding's path from the terms to the activation, by the onboarding's state names.
  const tasksOf = new Map<StepKind, sfn.TaskStateBase>();
  for (const kind of [...REVIEW_STEPS, ...AMENDMENT_STEPS]) {
    const step = steps[kind];
    const timeout = timeouts[kind];
    if (!step || !timeout) throw new Error(`The review needs the human step "${kind}" and its timeout`);
    const onTimeout =
      kind === "review-self-assessment"
        ? selfAssessmentOverdue
        : kind === "review-evaluation"
          ? evaluationTimedOut
          : lapse;
    const task = humanStepTask(scope, step, {
      fn: fns.openStep,
      timeout,
      onTimeout,
      onFailure: recordFailure,
    });
    tasksOf.set(kind, task);
    states.set(step.state, task);
    points.add(task);
  }
  const task = (kind: StepKind) => tasksOf.get(kind) as sfn.TaskStateBase;
  escalate.next(task("review-evaluation"));
  leadOverdue.next(recordFailure);
  forLead.next(task("review-evaluation"));
  (states.get(S.startAmendment) as sfn.TaskStateBase).next(task("agreement-terms"));
  states.set(
    A.issueAgreement,
    invoke(A.issueAgreement, fns.issueAgreement, {}).next(task("agreement-signing")),
  );
  const deliver = invoke(A.deliverAgreement, fns.completeAgreement, { phase: "deliver" }).next(
    new sfn.Succeed(scope, A.active, {
      comment: "The amended agreement is signed: the partnership is active again.",
    }),
  );
  const activate = onFailure(
    lambdaTask(scope, A.activatePartnership, fns.recordOutcome, {
      outcome: "activated",
      "comment.$": `${DECISION_PATH}.comment`,
    }),
  ).next(deliver);
  states.set(
    A.completeAgreement,
    invoke(A.completeAgreement, fns.completeAgreement, { phase: "certify" }).next(activate),
  );
  for (const kind of [...REVIEW_STEPS, ...AMENDMENT_STEPS]) {
    const step = steps[kind];
    if (!step) continue;
    routeHumanStep(scope, step, task(kind), {
      next: (name) => {
        const target = states.get(name);
        if (!target) throw new Error(`Step ${kind}: no state ${name} in the review`);
        return target;
      },
      onFailure: recordFailure,
    });
  }

  // Begins the review: answers whether it began (the partnership was ACTIVE) and who evaluates at first. Its
  // failure has no `$.review` yet, which the failure task reads: a Pass puts the assigned there first.
  const notBegun = new sfn.Pass(scope, S.noteReviewNotBegun, {
    result: sfn.Result.fromObject({ started: false, reviewer: REVIEWER.assigned }),
    resultPath: REVIEW_PATH,
  }).next(recordFailure);
  const begin = points.catchInto(
    notBegun,
    withRetry(
      new tasks.LambdaInvoke(scope, S.beginReview, {
        lambdaFunction: fns.recordOutcome,
        payload: sfn.TaskInput.fromObject({
          partnershipId: sfn.JsonPath.stringAt("$.partnershipId"),
          step: STATE_NAME,
          outcome: "review-started",
          round: ROUND,
        }),
        resultSelector: { "started.$": "$.Payload.started", reviewer: REVIEWER.assigned },
        resultPath: REVIEW_PATH,
        retryOnServiceExceptions: false,
        taskTimeout: sfn.Timeout.duration(TASK_TIMEOUT),
      }),
    ),
  );
  begin.next(
    new sfn.Choice(scope, S.routeBegun)
      .when(sfn.Condition.booleanEquals(`${REVIEW_PATH}.started`, true), task("review-self-assessment"))
      .otherwise(
        new sfn.Succeed(scope, S.notStarted, { comment: "The partnership was not active: nothing changed." }),
      ),
  );
  return points.entry(begin);
}
