/**
 * The periodic review (workflows/review) as the ledger tells it: its rounds, the outcomes agreed in the
 * agreement in force that the partner rates, when the next one falls due, and each round's history.
 */
import { agreementTermsSetSchema, detailsOf } from "../schemas/step-details.ts";
import { issuedTermsEvent } from "./agreement-state.ts";
import { addMonths } from "./calendar-dates.ts";
import type { LedgerEvent } from "./ledger.ts";

/** A round: the day it fell due (YYYY-MM-DD), or `now-<basic ISO 8601 UTC time>` for one started now. */
export const REVIEW_ROUND = /^(?:\d{4}-\d{2}-\d{2}|now-\d{8}T\d{6}Z)$/;

/**
 * The round of a review started now: the basic ISO 8601 form of the time (`now-20261206T110241Z`), since an
 * execution's name may not hold a colon.
 */
export function roundStartedNow(now: Date): string {
  return `now-${now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "")}`;
}

/** The review execution's name: one per partnership and round, so that a repeated start starts nothing. */
export function reviewExecutionName(partnershipId: string, round: string): string {
  return `${partnershipId}-review-${round}`;
}

/** The review's outcomes that record-outcome is given (workflows/review/definition.ts). */
export const REVIEW_TASK_OUTCOMES = [
  "review-started",
  "review-renewed",
  "review-amend",
  "review-terminated",
  "review-self-assessment-overdue",
  "review-expired",
  "review-evaluation-overdue",
  /** The amendment's new terms were declined (at the terms, or on paper): ACTIVE again on the version in force. */
  "amendment-declined",
  /** A signing step of the amendment timed out (the lead told): ACTIVE again on the version in force. */
  "amendment-lapsed",
] as const;
export type ReviewTaskOutcome = (typeof REVIEW_TASK_OUTCOMES)[number];

export function isReviewOutcome(outcome: string): outcome is ReviewTaskOutcome {
  return (REVIEW_TASK_OUTCOMES as readonly string[]).includes(outcome);
}

/**
 * Whether an amendment of the agreement is under way: the last review asked for one (ReviewCompleted, amend), and
 * no version was completed since, nor the amendment declined. Its signing steps are the onboarding's, but a
 * decline there keeps the agreement in force rather than end the partnership.
 */
export function amendmentUnderway(events: readonly LedgerEvent[]): boolean {
  const last = events.findLast(
    (e) => e.type === "ReviewCompleted" || e.type === "AgreementCompleted" || e.type === "AmendmentDeclined",
  );
  return last?.type === "ReviewCompleted" && last.data.outcome === "amend";
}

/** How the partner rates an agreed outcome. */
export const RATINGS = ["met", "partly", "not-met"] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_WORDS: Readonly<Record<Rating, string>> = {
  met: "Met",
  partly: "Partly met",
  "not-met": "Not met",
};

/** The review's end. */
export const REVIEW_OUTCOMES = ["renew", "amend", "terminate", "expired"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** The terms of the agreement in force: the version issued last (an amendment's new one once issued). */
export function termsInForce(events: readonly LedgerEvent[]): Readonly<Record<string, unknown>> | undefined {
  const set = issuedTermsEvent(events);
  return set ? detailsOf(agreementTermsSetSchema, set.data)?.terms : undefined;
}

/**
 * The outcomes the agreement in force sets, one a line of its "expected outcomes" (a list's bullets and
 * numbers left off); a text of one paragraph is one outcome. None before an agreement was issued.
 */
export function agreedOutcomes(events: readonly LedgerEvent[]): string[] {
  const text = termsInForce(events)?.expectedOutcomes;
  if (typeof text !== "string") return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, "").trim())
    .filter((line) => line.length > 0);
}

/** The agreement's review cadence in months, else `fallback` (the deployment's reviewCadenceMonths). */
export function reviewCadenceMonths(events: readonly LedgerEvent[], fallback: number): number {
  const cadence = termsInForce(events)?.reviewCadenceMonths;
  return typeof cadence === "number" && Number.isInteger(cadence) && cadence > 0 ? cadence : fallback;
}

/** The day the next review falls due: `cadence` months after `today` (the office's day). */
export function nextReviewDueOn(today: string, cadenceMonths: number): string {
  return addMonths(today, cadenceMonths);
}

/** One rating of the partner's self-assessment, as its decision records it. */
export interface SelfAssessmentRating {
  readonly outcome: string;
  readonly rating: Rating;
  readonly evidence: string;
  readonly change: string;
}

/** The ratings a self-assessment's decision recorded (its details), in the agreement's order. */
export function ratingsOf(details: unknown): SelfAssessmentRating[] {
  const list = (details as { ratings?: unknown } | undefined)?.ratings;
  if (!Array.isArray(list)) return [];
  return list.flatMap((r: unknown) => {
    const o = r as Partial<SelfAssessmentRating> | null;
    return o && typeof o.outcome === "string" && RATINGS.includes(o.rating as Rating)
      ? [
          {
            outcome: o.outcome,
            rating: o.rating as Rating,
            evidence: String(o.evidence ?? ""),
            change: String(o.change ?? ""),
          },
        ]
      : [];
  });
}

/** "2 met, 1 partly met, 0 not met". */
export function ratingsSummary(ratings: readonly SelfAssessmentRating[]): string {
  return RATINGS.map(
    (r) => `${ratings.filter((x) => x.rating === r).length} ${RATING_WORDS[r].toLowerCase()}`,
  ).join(", ");
}

/** One round of the review as the status page and the console show it. */
export interface ReviewRound {
  readonly round: string;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly ratings?: string | undefined;
  readonly outcome?: ReviewOutcome | undefined;
  /** Its amendment was declined: the agreement in force stayed (workflows/review). */
  readonly amendmentDeclined?: boolean | undefined;
  /** The amendment lapsed rather than declined: a signing step of it timed out. */
  readonly amendmentLapsed?: boolean | undefined;
  /** Its amendment's new version was signed by both parties (AgreementCompleted after the amend). */
  readonly amendmentSigned?: boolean | undefined;
  /** The partnership ended (withdrawn or terminated) before the round did, or before its amendment was signed. */
  readonly endedBy?: "withdrawn" | "terminated" | undefined;
  readonly reason?: string | undefined;
  readonly nextReviewOn?: string | undefined;
}

/** What the history reads of an event: a ledger event, or a timeline's entry of one. */
export interface HistoryEvent {
  readonly type: string;
  readonly at: string;
  readonly data: unknown;
}

/** Every round of the review, oldest first, from the ledger. */
export function reviewHistory(ledger: readonly HistoryEvent[]): ReviewRound[] {
  const rounds: { -readonly [K in keyof ReviewRound]: ReviewRound[K] }[] = [];
  const events = ledger.map((e) => ({ ...e, data: (e.data ?? {}) as Readonly<Record<string, unknown>> }));
  for (const e of events) {
    const round = typeof e.data.round === "string" ? e.data.round : undefined;
    if (e.type === "ReviewStarted" && round)
      rounds.push({ round, startedAt: e.at, startedBy: String(e.data.startedBy ?? "") });
    const current = rounds.at(-1);
    if (!current) continue;
    if (e.type === "SelfAssessmentGiven") current.ratings = ratingsSummary(ratingsOf(e.data.details));
    if (e.type === "ReviewCompleted" && round === current.round) {
      current.outcome = e.data.outcome as ReviewOutcome;
      if (typeof e.data.reason === "string") current.reason = e.data.reason;
      if (typeof e.data.nextReviewOn === "string") current.nextReviewOn = e.data.nextReviewOn;
    }
    if (e.type === "AmendmentDeclined" && round === current.round) {
      current.amendmentDeclined = true;
      if (e.data.lapsed === true) current.amendmentLapsed = true;
    }
    const amending = current.outcome === "amend" && !current.amendmentDeclined && !current.amendmentSigned;
    if (e.type === "AgreementCompleted" && amending) current.amendmentSigned = true;
    // An ending cuts short a round under way (no outcome yet), or its amendment while it is being signed.
    if (
      (e.type === "PartnershipWithdrawn" || e.type === "PartnershipTerminated") &&
      (!current.outcome || amending)
    )
      current.endedBy = e.type === "PartnershipWithdrawn" ? "withdrawn" : "terminated";
    if (e.type === "ScheduleSet" && e.data.kind === "review" && typeof e.data.dueOn === "string")
      current.nextReviewOn = e.data.dueOn;
  }
  return rounds;
}

/** The day the next review is due, as last scheduled (null once removed); undefined when never scheduled. */
export function scheduledReviewOn(events: readonly LedgerEvent[]): string | null | undefined {
  const set = events.findLast((e) => e.type === "ScheduleSet" && e.data.kind === "review");
  if (!set) return undefined;
  return typeof set.data.dueOn === "string" ? set.data.dueOn : null;
}

/**
 * The day of the review pending when `dueOn` is set, which setting it replaces: the newest review ScheduleSet of
 * another day (a retry finds `dueOn` recorded already, and looks past it); none when the newest removed it.
 */
export function reviewDayReplaced(events: readonly LedgerEvent[], dueOn: string): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e?.type !== "ScheduleSet" || e.data.kind !== "review" || e.data.dueOn === dueOn) continue;
    return typeof e.data.dueOn === "string" ? e.data.dueOn : undefined;
  }
  return undefined;
}
