/**
 * How the state machine retries a task (workflows/onboarding/definition.ts), for the code that must know:
 * which faults are retried, and how often.
 */

/**
 * Transient faults worth retrying: Lambda service errors, DynamoDB/SES throttling, and a ledger whose head
 * other writers kept taking (LedgerConflictError: the next attempt reads the head again).
 */
export const TRANSIENT_ERRORS = [
  "LedgerConflictError",
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "Throttling",
];

/** Retries after the first attempt. */
export const TASK_RETRIES = 3;

export function isTransient(error: unknown): boolean {
  return error instanceof Error && TRANSIENT_ERRORS.includes(error.name);
}
