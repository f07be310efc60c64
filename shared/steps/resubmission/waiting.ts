/** What the partner's status page says while this step waits. */
import type { AppConfig } from "../../config/app-config.ts";
import type { Decision } from "../../domain/partnership.ts";
import { formatDateTime } from "../../web/dates.ts";

/** Listed in shared/steps/events.ts (STEP_WAITING), apart from the step's pages. */
export function resubmissionWaiting(decision: Decision, config: AppConfig): string {
  return `The office needs more information before it decides: “${decision.request ?? ""}” Please send your updated answers by ${formatDateTime(decision.dueAt, config.TIME_ZONE)}, with the link in the email we sent you.`;
}
