/** The one builder of a state machine's plain Lambda task: its payload, timeout and retries. */
import { Duration, aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { STATE_NAME, withRetry } from "./human-step.ts";

/** A task's Lambda answers in well under a second; this bounds a hung one. */
export const TASK_TIMEOUT = Duration.seconds(30);

/**
 * Invokes `fn` with the partnership's id, the state's own name (its ledger events name it) and `payload`;
 * the result is discarded (the ledger, not the execution's state, is the record).
 */
export function lambdaTask(
  scope: Construct,
  name: string,
  fn: IFunction,
  payload: Record<string, unknown>,
): tasks.LambdaInvoke {
  return withRetry(
    new tasks.LambdaInvoke(scope, name, {
      lambdaFunction: fn,
      payload: sfn.TaskInput.fromObject({
        partnershipId: sfn.JsonPath.stringAt("$.partnershipId"),
        step: STATE_NAME,
        ...payload,
      }),
      resultPath: sfn.JsonPath.DISCARD,
      retryOnServiceExceptions: false,
      taskTimeout: sfn.Timeout.duration(TASK_TIMEOUT),
    }),
  );
}
