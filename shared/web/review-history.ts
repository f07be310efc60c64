/** The periodic review's rounds as a table: the partner's status page and the console's partnership page. */
import { calendarDateWords } from "../domain/calendar-dates.ts";
import { type HistoryEvent, reviewHistory } from "../domain/review.ts";
import { formatDate } from "./dates.ts";
import { html, type SafeHtml } from "./html.ts";

const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  renew: "Renewed",
  amend: "Amended (a new version signed)",
  terminate: "Terminated",
  expired: "Expired (no self-assessment)",
};

/** What the table shows besides the rounds. */
export interface ReviewHistoryOptions {
  /** Who started each round (the console's, not the partner's). */
  readonly withStarter?: boolean;
  /** The partnership has ended: its schedule was cancelled, so no next review is shown. */
  readonly ended?: boolean;
}

/** Nothing before the first review. */
export function reviewHistoryTable(
  events: readonly HistoryEvent[],
  timeZone: string,
  { withStarter = false, ended = false }: ReviewHistoryOptions = {},
): SafeHtml | "" {
  const rounds = reviewHistory(events);
  if (rounds.length === 0) return "";
  const last = rounds.length - 1;
  return html`<h2>Periodic reviews</h2><table id="review-history"><thead><tr><th scope="col">Began</th>${
    withStarter ? html`<th scope="col">Started by</th>` : ""
  }<th scope="col">Self-assessment</th><th scope="col">Outcome</th><th scope="col">Next review</th></tr></thead><tbody>${rounds.map(
    (r, i) =>
      html`<tr><td>${formatDate(r.startedAt, timeZone)}</td>${withStarter ? html`<td>${r.startedBy}</td>` : ""}<td>${
        r.ratings ?? "Not given yet"
      }</td><td>${
        r.amendmentLapsed
          ? "Amendment lapsed: not signed in time (the agreement in force stays)"
          : r.amendmentDeclined
            ? "Amendment declined (the agreement in force stays)"
            : r.outcome
              ? (OUTCOME_WORDS[r.outcome] ?? r.outcome)
              : "Under way"
      }${r.reason ? html`: “${r.reason}”` : ""}</td><td>${
        ended && i === last ? "None" : r.nextReviewOn ? calendarDateWords(r.nextReviewOn) : "—"
      }</td></tr>`,
  )}</tbody></table>${ended ? html`<p id="no-further-review">No further review: the partnership has ended.</p>` : ""}`;
}
