/** What the partner's status page says while this step waits. */

/** Listed in shared/steps/events.ts (STEP_WAITING), apart from the step's pages. */
export function selfAssessmentWaiting(): string {
  return "Waiting for: your self-assessment for the partnership's review (the link is in your email).";
}
