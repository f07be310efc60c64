/**
 * A human step's timeout branch, for any state machine: the lead is told first (functions/tell-lead-of-timeout
 * records StepTimedOut and emails the lead, or the office when there is no lead), and only then does the
 * workflow go on to what the timeout means (the onboarding expires; the vetting renewal marks the partnership
 * at risk; the periodic review, what it decides). So a workflow never ends in silence.
 */
import { aws_stepfunctions as sfn } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { lambdaTask } from "./lambda-task.ts";

/** The state name of the onboarding's task that tells the lead (other machines name their own). */
export const TELL_LEAD_OF_TIMEOUT = "TellLeadStepTimedOut";

export interface TimeoutBranchProps {
  /** functions/tell-lead-of-timeout. */
  readonly fn: IFunction;
  /** What the timeout leads to once the lead is told. */
  readonly next: sfn.IChainable;
  /**
   * Gives the task the machine's Catch of every error (workflows/resume.ts `catchFailure`): the failure is recorded
   * with the state that failed, and a retry resumes there.
   */
  readonly catchFailure: <T extends sfn.TaskStateBase>(task: T) => T;
  /** The task's state name (unique in its machine). @default TELL_LEAD_OF_TIMEOUT */
  readonly name?: string;
  /** What it adds to the task's payload (a round, say): the function ignores what it does not know. */
  readonly payload?: Record<string, unknown>;
}

/** The state to give a human step as its `onTimeout`: tell the lead, then `next`. */
export function timeoutBranch(scope: Construct, props: TimeoutBranchProps): sfn.IChainable {
  const tell = props.catchFailure(
    lambdaTask(scope, props.name ?? TELL_LEAD_OF_TIMEOUT, props.fn, {
      ...props.payload,
      // Which step timed out is this execution's open decision, not another workflow's (a renewal's, say).
      executionId: sfn.JsonPath.executionId,
    }),
  );
  return tell.next(props.next);
}
