/** What the partner's status page says while this step waits. */

/** Listed in shared/steps/events.ts (STEP_WAITING), apart from the step's pages. */
export function vettingRenewalReviewWaiting(): string {
  return "Waiting for: the partnership officer's review of the items you sent.";
}
