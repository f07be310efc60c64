/** The onboarding state machine: needs assessment, then the human steps of the registry and their outcomes. */
import { Duration, aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { STEPS, type StepKind, type StepRegistry } from "../../shared/steps/index.ts";
import { DECISION_PATH, humanStep, STATE_NAME, withRetry } from "../human-step.ts";
import { STATE } from "./states.ts";

export { STATE } from "./states.ts";

export interface OnboardingFunctions {
  readonly assessIntake: IFunction;
  /** Opens any human step (functions/open-step). */
  readonly openStep: IFunction;
  readonly recordOutcome: IFunction;
  readonly recordFailure: IFunction;
}

/** How long each human step waits, by the step's kind. */
export type StepTimeouts = Readonly<Record<string, Duration>>;

const TASK_TIMEOUT = Duration.seconds(30);

export function buildOnboardingDefinition(
  scope: Construct,
  fns: OnboardingFunctions,
  timeouts: StepTimeouts,
  steps: StepRegistry = STEPS,
): sfn.IChainable {
  const id = sfn.JsonPath.stringAt("$.partnershipId");
  const invoke = (name: string, fn: IFunction, payload: Record<string, unknown>) =>
    withRetry(
      new tasks.LambdaInvoke(scope, name, {
        lambdaFunction: fn,
        payload: sfn.TaskInput.fromObject({ partnershipId: id, step: STATE_NAME, ...payload }),
        resultPath: sfn.JsonPath.DISCARD,
        retryOnServiceExceptions: false,
        taskTimeout: sfn.Timeout.duration(TASK_TIMEOUT),
      }),
    );

  const recordFailure = invoke(STATE.recordWorkflowFailure, fns.recordFailure, {
    error: sfn.JsonPath.stringAt("$.failure.Error"),
    cause: sfn.JsonPath.stringAt("$.failure.Cause"),
  }).next(new sfn.Fail(scope, STATE.workflowFailed, { error: "OnboardingFailed", cause: "See the ledger" }));
  const onFailure = (task: sfn.TaskStateBase) =>
    task.addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: "$.failure" });

  const outcome = (name: string, value: "approved" | "declined" | "expired") =>
    onFailure(
      invoke(name, fns.recordOutcome, {
        outcome: value,
        // The comment of the decision that led here, whichever step made it.
        ...(value === "expired" ? {} : { "comment.$": `${DECISION_PATH}.comment` }),
      }),
    );

  const expire = outcome(STATE.expireUndecided, "expired").next(new sfn.Succeed(scope, STATE.expired));
  const states = new Map<string, sfn.IChainable>();
  const assess = onFailure(invoke(STATE.assessNeeds, fns.assessIntake, {}));
  states.set(STATE.assessNeeds, assess);
  states.set(
    STATE.approveForVetting,
    outcome(STATE.approveForVetting, "approved").next(
      new sfn.Succeed(scope, STATE.readyForVetting, {
        comment: "Approved after the needs assessment; the vetting checklist starts here.",
      }),
    ),
  );
  states.set(
    STATE.declinePartnership,
    outcome(STATE.declinePartnership, "declined").next(new sfn.Succeed(scope, STATE.declined)),
  );

  const step = (kind: StepKind) => {
    const found = steps[kind];
    const timeout = timeouts[kind];
    if (!found || !timeout) throw new Error(`The onboarding needs the human step "${kind}" and its timeout`);
    const built = humanStep(scope, found, {
      fn: fns.openStep,
      timeout,
      next: (name) => {
        const target = states.get(name);
        if (!target) throw new Error(`Step ${kind}: no state ${name} to go to next`);
        return target;
      },
      onTimeout: expire,
      onFailure: recordFailure,
    });
    states.set(found.state, built);
    return built;
  };
  // Built after the states their outcomes lead to: the partner's answer goes back to the assessment.
  step("resubmission");
  return assess.next(step("intake-review"));
}
