/** The onboarding state machine: needs assessment, then the human steps of the registry and their outcomes. */
import { aws_stepfunctions as sfn } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import type { Outcome } from "../../shared/services/workflow-steps.ts";
import { STEPS, type StepKind, type StepRegistry } from "../../shared/steps/index.ts";
import type { HumanStep } from "../../shared/steps/step.ts";
import { DECISION_PATH, humanStepTask, routeHumanStep, type StepTiming } from "../human-step.ts";
import { lambdaTask } from "../lambda-task.ts";
import { resumePoints } from "../resume.ts";
import { timeoutBranch } from "../timeout-branch.ts";
import { STATE } from "./states.ts";

export { STATE } from "./states.ts";

export interface OnboardingFunctions {
  readonly assessIntake: IFunction;
  /** Opens any human step (functions/open-step). */
  readonly openStep: IFunction;
  readonly recordOutcome: IFunction;
  /** Renders the agreement's next version (functions/issue-agreement). */
  readonly issueAgreement: IFunction;
  /** The completion certificate and the signed copies emailed (functions/complete-agreement). */
  readonly completeAgreement: IFunction;
  readonly recordFailure: IFunction;
  /** Tells the lead that a step timed out, before the partnership expires (functions/tell-lead-of-timeout). */
  readonly tellLeadOfTimeout: IFunction;
}

/** How long each human step waits, by the step's kind: until due, and until it times out. */
export type StepTimeouts = Readonly<Record<string, StepTiming>>;

export function buildOnboardingDefinition(
  scope: Construct,
  fns: OnboardingFunctions,
  timeouts: StepTimeouts,
  steps: StepRegistry = STEPS,
): sfn.IChainable {
  const invoke = (name: string, fn: IFunction, payload: Record<string, unknown>) =>
    lambdaTask(scope, name, fn, payload);

  // Every task that can fail is a resume point: a retry starts a new execution at the state that failed.
  const points = resumePoints(scope, "onboarding", () => recordFailure);
  const recordFailure = invoke(STATE.recordWorkflowFailure, fns.recordFailure, points.failurePayload()).next(
    new sfn.Fail(scope, STATE.workflowFailed, { error: "OnboardingFailed", cause: "See the ledger" }),
  );
  const onFailure = <T extends sfn.TaskStateBase>(task: T) => points.catchFailure(task);

  const outcome = (name: string, value: Outcome) =>
    onFailure(
      invoke(name, fns.recordOutcome, {
        outcome: value,
        // The comment of the decision that led here, whichever step made it.
        ...(value === "expired" ? {} : { "comment.$": `${DECISION_PATH}.comment` }),
      }),
    );

  // A step that timed out: the lead is told, then the partnership expires.
  const expire = timeoutBranch(scope, {
    fn: fns.tellLeadOfTimeout,
    name: STATE.tellLeadOfTimeout,
    next: outcome(STATE.expireUndecided, "expired").next(new sfn.Succeed(scope, STATE.expired)),
    catchFailure: onFailure,
  });
  const states = new Map<string, sfn.IChainable>();
  const assess = onFailure(invoke(STATE.assessNeeds, fns.assessIntake, {}));
  states.set(STATE.assessNeeds, assess);
  // The stage moves between the steps: each a task of its own, which records it and pays what it owes.
  const stage = (name: string, value: Outcome) => {
    const task = outcome(name, value);
    states.set(name, task);
    return task;
  };
  states.set(
    STATE.declinePartnership,
    outcome(STATE.declinePartnership, "declined").next(new sfn.Succeed(scope, STATE.declined)),
  );

  // Every step's task first, then each step's routes: the steps lead to each other (rejected items go back to
  // the partner, whose answer goes to the officer again), so each must exist before any is routed.
  const tasksOf = new Map<StepKind, ReturnType<typeof humanStepTask>>();
  for (const kind of ONBOARDING_STEPS) {
    const found = steps[kind];
    const timeout = timeouts[kind];
    if (!found || !timeout) throw new Error(`The onboarding needs the human step "${kind}" and its timeout`);
    const task = humanStepTask(scope, found, {
      fn: fns.openStep,
      timeout,
      onTimeout: expire,
      onFailure: recordFailure,
    });
    tasksOf.set(kind, task);
    states.set(found.state, task);
    points.add(task);
  }
  const task = (kind: StepKind) => tasksOf.get(kind) as ReturnType<typeof humanStepTask>;

  // The stages between the steps, in the order the happy path meets them.
  stage(STATE.approveForVetting, "approved").next(task("vetting-evidence"));
  stage(STATE.confirmVetting, "vetted").next(task("signatory-confirmation"));
  stage(STATE.prepareForSigning, "authority-confirmed").next(task("agreement-terms"));
  const issue = onFailure(invoke(STATE.issueAgreement, fns.issueAgreement, {}));
  states.set(STATE.issueAgreement, issue.next(task("agreement-signing")));
  // Certified, then active, then delivered: the emails that say the partnership is active go once it is.
  const deliver = onFailure(invoke(STATE.deliverAgreement, fns.completeAgreement, { phase: "deliver" })).next(
    new sfn.Succeed(scope, STATE.active, {
      comment: "The agreement is signed by both parties: the partnership is active.",
    }),
  );
  const activate = stage(STATE.activatePartnership, "activated").next(deliver);
  states.set(
    STATE.completeAgreement,
    onFailure(invoke(STATE.completeAgreement, fns.completeAgreement, { phase: "certify" })).next(activate),
  );

  for (const kind of ONBOARDING_STEPS) {
    const found = steps[kind] as HumanStep;
    routeHumanStep(scope, found, task(kind), {
      next: (name) => {
        const target = states.get(name);
        if (!target) throw new Error(`Step ${kind}: no state ${name} to go to next`);
        return target;
      },
      onFailure: recordFailure,
    });
  }
  assess.next(task("intake-review"));
  return points.entry(assess);
}

/** The human steps of the onboarding, in the order the happy path meets them. */
export const ONBOARDING_STEPS: readonly StepKind[] = [
  "intake-review",
  "resubmission",
  "vetting-evidence",
  "vetting-review",
  "signatory-confirmation",
  "authority-verification",
  "agreement-terms",
  "agreement-signing",
  "countersign",
  "paper-agreement",
];
