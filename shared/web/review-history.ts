/** The periodic review's rounds as a table: the partner's status page and the console's partnership page. */
import { calendarDateWords } from "../domain/calendar-dates.ts";
import { type HistoryEvent, type ReviewRound, reviewHistory } from "../domain/review.ts";
import { formatDate } from "./dates.ts";
import { html, type SafeHtml } from "./html.ts";

const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  renew: "Renewed",
  amend: "Amended (a new version signed)",
  terminate: "Terminated",
  expired: "Expired (no self-assessment)",
};

/** A round's end in a word or two (the reviews page's "Last review"); undefined while it is under way. */
export function roundOutcomeShort(round: ReviewRound | undefined): string | undefined {
  if (!round) return undefined;
  if (round.amendmentLapsed) return "Amendment lapsed";
  if (round.amendmentDeclined) return "Amendment declined";
  if (round.endedBy) return round.endedBy === "withdrawn" ? "Ended: withdrawn" : "Ended: terminated";
  const words: Readonly<Record<string, string>> = {
    renew: "Renewed",
    amend: round.amendmentSigned ? "Amended" : "Amendment being signed",
    terminate: "Terminated",
    expired: "Expired",
  };
  return round.outcome ? words[round.outcome] : undefined;
}

/**
 * A round's end in words, with the reason given. An amendment's reason is what the review asked to change: said as
 * the amend's, before what became of it (declined, lapsed), so that it does not read as the reason for that.
 */
function roundOutcome(r: ReviewRound): SafeHtml | string {
  const ended = r.endedBy ? `the partnership was ${r.endedBy}` : "";
  if (r.outcome === "amend") {
    const asked = r.reason ? html`Amend: “${r.reason}”; then ` : "Amendment ";
    if (r.amendmentLapsed) return html`${asked}lapsed, not signed in time — the agreement in force stays`;
    if (r.amendmentDeclined) return html`${asked}declined — the agreement in force stays`;
    if (r.endedBy) return html`${asked}ended before it was signed: ${ended}`;
    if (!r.amendmentSigned)
      return html`${r.reason ? html`Amend: “${r.reason}”; the new version` : "Amendment"} being signed (the agreement in force stays until then)`;
    return html`${OUTCOME_WORDS.amend}${r.reason ? html`: “${r.reason}”` : ""}`;
  }
  if (!r.outcome) return r.endedBy ? `Ended: ${ended}` : "Under way";
  return html`${OUTCOME_WORDS[r.outcome] ?? r.outcome}${r.reason ? html`: “${r.reason}”` : ""}`;
}

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
      }</td><td>${roundOutcome(r)}</td><td>${
        ended && i === last ? "None" : r.nextReviewOn ? calendarDateWords(r.nextReviewOn) : "—"
      }</td></tr>`,
  )}</tbody></table>${ended ? html`<p id="no-further-review">No further review: the partnership has ended.</p>` : ""}`;
}
