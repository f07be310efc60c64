/** What the partner's status page says while this step waits. */

/** Listed in shared/steps/events.ts (STEP_WAITING), apart from the step's pages. */
export function authorityVerificationWaiting(): string {
  return "Waiting for: the partnership officer to verify the signatory's authority.";
}
