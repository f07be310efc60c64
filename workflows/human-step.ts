/**
 * The one builder of a human step in any state machine: the callback task that opens it (with its timeout,
 * retries and catches) and the Choice on its outcome, from the step's descriptor (shared/steps/).
 */
import { Duration, aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { TASK_RETRIES, TRANSIENT_ERRORS } from "../shared/config/task-retries.ts";
import { routedOutcomes } from "../shared/steps/officer-steps.ts";
import type { HumanStep } from "../shared/steps/step.ts";
import { rejectStateOf, routeStateOf } from "./onboarding/states.ts";
import { failedPath } from "./resume.ts";

/**
 * How long a step waits: until it falls due (the step's own days, what its email asks for), and until it times
 * out (the task's timeout, its link's expiry), later, after the reminders and the escalation had their chance
 * (infra/config.ts stepTiming). A Duration alone is both (a test's machine).
 */
export type StepTiming = Duration | { readonly due: Duration; readonly timeout: Duration };

/** The due and the timeout of a step's timing. */
export function timingOf(timing: StepTiming): { due: Duration; timeout: Duration } {
  return timing instanceof Duration ? { due: timing, timeout: timing } : timing;
}

export interface HumanStepProps {
  /** The function that opens any step (functions/open-step). */
  readonly fn: IFunction;
  /** How long the step waits before it is due, and before its timeout branch. */
  readonly timeout: StepTiming;
  /** The state each outcome's `next` names, as built by the definition. */
  readonly next: (state: string) => sfn.IChainable;
  /** Where a step that timed out goes. */
  readonly onTimeout: sfn.IChainable;
  /**
   * Where any other error goes (the failure is recorded there), put at `$.failed.<the step's state>`
   * (workflows/resume.ts): a retry asks the step again.
   */
  readonly onFailure: sfn.IChainable;
}

/**
 * Where every human step keeps its decision in the execution's state: always the last step decided, so that
 * the states an outcome leads to (and the next step's inputs) read the decision that led there, whichever
 * step it was.
 */
export const DECISION_PATH = "$.decision";

/** The $$.State.Name of the task: its ledger events name it, and no handler spells a state's name. */
export const STATE_NAME = sfn.JsonPath.stringAt("$$.State.Name");

/** Retries on the errors that pass (a throttled Lambda, a conflict on the ledger's head). */
export function withRetry<T extends sfn.TaskStateBase>(task: T): T {
  task.addRetry({
    errors: TRANSIENT_ERRORS,
    interval: Duration.seconds(2),
    maxAttempts: TASK_RETRIES,
    backoffRate: 2,
    jitterStrategy: sfn.JitterType.FULL,
  });
  return task;
}

export function humanStep(scope: Construct, step: HumanStep, props: HumanStepProps): sfn.IChainable {
  const task = humanStepTask(scope, step, props);
  return routeHumanStep(scope, step, task, props);
}

/**
 * The step's callback task alone, with its timeout, retries and catches. A workflow whose steps lead to each
 * other (rejected items go back to the partner, whose answer goes to the officer again) makes every step's
 * task first, then routes each (routeHumanStep).
 */
export function humanStepTask(
  scope: Construct,
  step: HumanStep,
  props: Pick<HumanStepProps, "fn" | "timeout" | "onTimeout" | "onFailure">,
): sfn.TaskStateBase {
  const inputs = Object.entries(step.inputs ?? {});
  const { due, timeout } = timingOf(props.timeout);
  return withRetry(
    new tasks.LambdaInvoke(scope, step.state, {
      lambdaFunction: props.fn,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({
        partnershipId: sfn.JsonPath.stringAt("$.partnershipId"),
        kind: step.kind,
        state: STATE_NAME,
        taskToken: sfn.JsonPath.taskToken,
        // Kept on the decision: a withdrawal or a termination stops the execution its step waits in.
        executionId: sfn.JsonPath.executionId,
        timeoutSeconds: timeout.toSeconds(),
        dueSeconds: due.toSeconds(),
        ...(inputs.length > 0
          ? { inputs: Object.fromEntries(inputs.map(([name, path]) => [name, sfn.JsonPath.stringAt(path)])) }
          : {}),
      }),
      resultPath: DECISION_PATH,
      retryOnServiceExceptions: false,
      taskTimeout: sfn.Timeout.duration(timeout),
    }),
  )
    .addCatch(props.onTimeout, { errors: [sfn.Errors.TIMEOUT], resultPath: "$.failure" })
    .addCatch(props.onFailure, { errors: [sfn.Errors.ALL], resultPath: failedPath(step.state) });
}

/** The Choice on the step's outcome after its task (none when it has one outcome, which saves a transition). */
export function routeHumanStep(
  scope: Construct,
  step: HumanStep,
  task: sfn.TaskStateBase,
  props: Pick<HumanStepProps, "next" | "onFailure">,
): sfn.IChainable {
  // An outcome may lead back to the step itself (an officer's conflict of interest: another officer decides).
  const next = (state: string) => (state === step.state ? task : props.next(state));
  const outcomes = routedOutcomes(step);
  const [only] = outcomes;
  if (outcomes.length === 1 && only) return task.next(next(only[1].next));
  const route = new sfn.Choice(scope, routeStateOf(step.state));
  for (const [value, outcome] of outcomes)
    route.when(sfn.Condition.stringEquals(`${DECISION_PATH}.outcome`, value), next(outcome.next));
  // Failed as the step's own: a retry asks the step again. The decision is not quoted (it may hold personal data).
  route.otherwise(
    new sfn.Pass(scope, rejectStateOf(step.state), {
      parameters: { Error: "UnknownOutcomeError", "Cause.$": `${DECISION_PATH}.outcome` },
      resultPath: failedPath(step.state),
    }).next(props.onFailure),
  );
  return task.next(route);
}
