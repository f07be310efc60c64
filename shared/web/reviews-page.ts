/**
 * The staff's reviews page, /console/reviews (officers and the lead): the active partnerships with their next
 * review's day, each with "Start the review now"; and the confirmation that button asks for.
 */
import { calendarDateWords } from "../domain/calendar-dates.ts";
import type { Principal } from "../domain/staff.ts";
import type { ReviewRow } from "../services/start-review.ts";
import { html } from "./html.ts";
import { page } from "./layout.ts";
import { signOutForm } from "./sign-in-page.ts";

const action = (id: string) => `/console/partnerships/${encodeURIComponent(id)}/reviews`;

export function reviewsPage(
  rows: readonly ReviewRow[],
  who: Pick<Principal, "email">,
  officeName?: string,
  notice?: string,
): string {
  return page(
    "Reviews",
    html`<h1>Periodic reviews</h1><p>Signed in as ${who.email}. <a href="/console/inbox">Inbox</a></p>${signOutForm()}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
<p>Each active partnership is reviewed on the day shown. Starting one now asks the partner for a self-assessment at once, and replaces the scheduled one: the review's end schedules the next.</p>
${
  rows.length === 0
    ? html`<p>No active partnership.</p>`
    : html`<table><thead><tr><th scope="col">Partnership</th><th scope="col">Next review</th><th scope="col">Last review</th><th scope="col">Start now</th></tr></thead><tbody>${rows.map(
        (r) =>
          html`<tr><td>${r.name}</td><td>${r.nextReviewOn ? calendarDateWords(r.nextReviewOn) : "Not scheduled"}</td><td>${r.lastOutcome ?? "—"}</td><td><form method="post" action="${action(r.partnershipId)}"><button type="submit" class="secondary" aria-label="Start the review now, for ${r.name}">Start the review now…</button></form></td></tr>`,
      )}</tbody></table>`
}`,
    officeName,
  );
}

/** Where a reviews page leads back to. */
const backLinks = html`<nav aria-label="Console"><p><a href="/console/inbox">Inbox</a> · <a href="/console/reviews">Periodic reviews</a></p></nav>`;

/** The notice on the list after a review was started there. */
export function reviewStartedNotice(name: string): string {
  return `The review of ${name} has started; the partner was emailed for the self-assessment.`;
}

/** The deliberate confirmation before a review starts (signed in: its handler adds the bar). */
export function confirmReviewPage(id: string, name: string, officeName?: string): string {
  return page(
    "Start the review now?",
    html`${backLinks}<h1>Start the review of ${name} now?</h1>
<p>The partner is emailed at once for their self-assessment, and the scheduled review is cancelled (the review's end schedules the next one).</p>
<form method="post" action="${action(id)}"><input type="hidden" name="confirm" value="yes">
<div class="actions"><button type="submit">Yes, start the review now</button> <a href="/console/reviews">Cancel</a></div></form>`,
    officeName,
  );
}

/** A review asked for again (a stale tab, a second click) while one is under way: nothing more is started. */
export function reviewUnderWayPage(name: string, officeName?: string): string {
  return page(
    "A review is already under way",
    html`${backLinks}<h1>A review of ${name} is already under way</h1>
<p>The partner was asked for the self-assessment when it began; nothing more was started. Its evaluation reaches the officers' inbox once the partner answers.</p>`,
    officeName,
  );
}
