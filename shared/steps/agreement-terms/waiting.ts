/** What the partner's status page says while this step waits. */

/** Listed in shared/steps/events.ts (STEP_WAITING), apart from the step's pages. */
export function agreementTermsWaiting(): string {
  return "Waiting for: the office to prepare the agreement.";
}
