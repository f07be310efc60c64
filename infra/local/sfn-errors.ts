/** Step Functions API errors by their AWS names; the endpoint sends `name` as `__type`. */

export type SfnErrorType =
  | "ExecutionAlreadyExists"
  | "ExecutionDoesNotExist"
  | "InvalidArn"
  | "InvalidExecutionInput"
  | "InvalidName"
  | "InvalidOutput"
  | "InvalidToken"
  | "StateMachineDoesNotExist"
  | "TaskDoesNotExist"
  | "TaskTimedOut"
  | "ValidationException"
  | "UnknownOperationException";

export class SfnError extends Error {
  constructor(
    readonly type: SfnErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** An error the engine routes on by name (Catch/Retry ErrorEquals); `message` becomes the Cause. */
export function taskError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

/** Ends a task of an execution being stopped: neither retried nor caught (nor journalled). */
export function abortedError(): Error {
  return Object.assign(taskError("States.Runtime", "Execution stopped"), {
    isRetryable: false,
    isCatchable: false,
    aborted: true,
  });
}

export function isAborted(error: unknown): boolean {
  return (error as { aborted?: unknown } | null)?.aborted === true;
}
