/**
 * The notice at the top of an open step's page once it is past due (a link opened from a reminder): when it was
 * due, and when the link closes. Not part of the step's own page, so what a decider was shown (its hash) is as
 * before.
 */
import type { Decision } from "../domain/partnership.ts";
import { formatDate } from "./dates.ts";
import { html, type SafeHtml } from "./html.ts";

/** "This was due on …": for an open decision past its due time and not past its expiry; else nothing. */
export function overdueNotice(
  decision: Pick<Decision, "dueAt" | "expiresAt" | "status">,
  now: Date,
  timeZone: string,
): SafeHtml | undefined {
  const at = now.getTime();
  if (decision.status !== "open") return undefined;
  if (!(Date.parse(decision.dueAt) < at && at < Date.parse(decision.expiresAt))) return undefined;
  const due = formatDate(decision.dueAt, timeZone);
  const closes = formatDate(decision.expiresAt, timeZone);
  return html`<p class="notice" id="overdue">This was due on ${due}. Please answer as soon as you can; it closes on ${closes}.</p>`;
}
