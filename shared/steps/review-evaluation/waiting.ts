/** What the partner's status page says while this step waits. */

/** Listed in shared/steps/events.ts (STEP_WAITING), apart from the step's pages. */
export function evaluationWaiting(): string {
  return "Waiting for: the office's evaluation of the review.";
}
