/**
 * How the state machine retries a task (workflows/onboarding/definition.ts), for the code that must know:
 * which faults are retried, and how often.
 */

/** Transient faults worth retrying: Lambda service errors and DynamoDB/SES throttling. */
export const TRANSIENT_ERRORS = [
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
