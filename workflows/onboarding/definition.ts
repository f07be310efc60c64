/** The onboarding state machine: needs assessment, the officer's decision, and its outcomes. */
import { Duration, aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { TASK_RETRIES, TRANSIENT_ERRORS } from "../../shared/config/task-retries.ts";

export interface OnboardingFunctions {
  readonly assessIntake: IFunction;
  readonly requestOfficerDecision: IFunction;
  readonly requestResubmission: IFunction;
  readonly recordOutcome: IFunction;
  readonly recordFailure: IFunction;
}

export interface OnboardingTimeouts {
  /** How long an officer has to decide before the partnership expires. */
  readonly officerDecision: Duration;
  /** How long the partner has to answer a request for more information. */
  readonly partnerResubmission: Duration;
}

/** State names: the vocabulary shared by tests, the ledger and the auditor's diagram. */
export const STATE = {
  assessNeeds: "AssessNeeds",
  awaitOfficerDecision: "AwaitOfficerDecision",
  routeOfficerDecision: "RouteOfficerDecision",
  awaitPartnerResubmission: "AwaitPartnerResubmission",
  approveForVetting: "ApproveForVetting",
  readyForVetting: "ReadyForVetting",
  declinePartnership: "DeclinePartnership",
  declined: "Declined",
  expireUndecided: "ExpireUndecided",
  expired: "Expired",
  rejectUnknownDecision: "RejectUnknownDecision",
  recordWorkflowFailure: "RecordWorkflowFailure",
  workflowFailed: "WorkflowFailed",
} as const;

/** Domain errors a task may throw by name; each ends in RecordWorkflowFailure, never in silence. */
export const DOMAIN_ERRORS = ["PartnershipNotFoundError", "IllegalTransitionError", "ValidationError"];

const TASK_TIMEOUT = Duration.seconds(30);

export function buildOnboardingDefinition(
  scope: Construct,
  fns: OnboardingFunctions,
  timeouts: OnboardingTimeouts,
): sfn.IChainable {
  const invoke = (id: string, fn: IFunction, payload: Record<string, unknown>) => {
    const task = new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fn,
      payload: sfn.TaskInput.fromObject(payload),
      resultPath: sfn.JsonPath.DISCARD,
      retryOnServiceExceptions: false,
      taskTimeout: sfn.Timeout.duration(TASK_TIMEOUT),
    });
    return withRetry(task);
  };
  const callback = (
    id: string,
    fn: IFunction,
    payload: Record<string, unknown>,
    timeout: Duration,
    resultPath: string,
  ) =>
    withRetry(
      new tasks.LambdaInvoke(scope, id, {
        lambdaFunction: fn,
        integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: sfn.TaskInput.fromObject({
          ...payload,
          taskToken: sfn.JsonPath.taskToken,
          timeoutSeconds: timeout.toSeconds(),
        }),
        resultPath,
        retryOnServiceExceptions: false,
        taskTimeout: sfn.Timeout.duration(timeout),
      }),
    );

  const id = sfn.JsonPath.stringAt("$.partnershipId");

  const recordFailure = invoke(STATE.recordWorkflowFailure, fns.recordFailure, {
    partnershipId: id,
    error: sfn.JsonPath.stringAt("$.failure.Error"),
    cause: sfn.JsonPath.stringAt("$.failure.Cause"),
  }).next(new sfn.Fail(scope, STATE.workflowFailed, { error: "OnboardingFailed", cause: "See the ledger" }));

  const onFailure = (task: sfn.TaskStateBase) =>
    task
      .addCatch(recordFailure, { errors: DOMAIN_ERRORS, resultPath: "$.failure" })
      .addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: "$.failure" });

  const outcome = (stateId: string, value: "approved" | "declined" | "expired") =>
    onFailure(
      invoke(stateId, fns.recordOutcome, {
        partnershipId: id,
        outcome: value,
        "comment.$": "$.decision.comment",
      }),
    );

  const expire = onFailure(
    invoke(STATE.expireUndecided, fns.recordOutcome, { partnershipId: id, outcome: "expired" }),
  ).next(new sfn.Succeed(scope, STATE.expired));

  const approve = outcome(STATE.approveForVetting, "approved").next(
    new sfn.Succeed(scope, STATE.readyForVetting, {
      comment: "Approved after the needs assessment; the vetting checklist starts here.",
    }),
  );
  const decline = outcome(STATE.declinePartnership, "declined").next(new sfn.Succeed(scope, STATE.declined));

  const assess = onFailure(invoke(STATE.assessNeeds, fns.assessIntake, { partnershipId: id }));

  const awaitDecision = callback(
    STATE.awaitOfficerDecision,
    fns.requestOfficerDecision,
    { partnershipId: id, kind: "intake-review" },
    timeouts.officerDecision,
    "$.decision",
  ).addCatch(expire, { errors: [sfn.Errors.TIMEOUT], resultPath: "$.failure" });
  onFailure(awaitDecision);

  const awaitResubmission = callback(
    STATE.awaitPartnerResubmission,
    fns.requestResubmission,
    { partnershipId: id, "comment.$": "$.decision.comment" },
    timeouts.partnerResubmission,
    "$.resubmission",
  ).addCatch(expire, { errors: [sfn.Errors.TIMEOUT], resultPath: "$.failure" });
  onFailure(awaitResubmission);

  const route = new sfn.Choice(scope, STATE.routeOfficerDecision)
    .when(sfn.Condition.stringEquals("$.decision.outcome", "approve"), approve)
    .when(sfn.Condition.stringEquals("$.decision.outcome", "request-info"), awaitResubmission.next(assess))
    .when(sfn.Condition.stringEquals("$.decision.outcome", "decline"), decline)
    .otherwise(
      new sfn.Pass(scope, STATE.rejectUnknownDecision, {
        parameters: { Error: "UnknownDecisionError", "Cause.$": "States.JsonToString($.decision)" },
        resultPath: "$.failure",
      }).next(recordFailure),
    );

  return assess.next(awaitDecision).next(route);
}

function withRetry(task: sfn.TaskStateBase): sfn.TaskStateBase {
  return task.addRetry({
    errors: TRANSIENT_ERRORS,
    interval: Duration.seconds(2),
    maxAttempts: TASK_RETRIES,
    backoffRate: 2,
    jitterStrategy: sfn.JitterType.FULL,
  });
}
