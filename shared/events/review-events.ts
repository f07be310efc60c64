/** The periodic review's ledger events (workflows/review), besides its two steps' own (shared/steps/review-*). */
import { calendarDateWords } from "../domain/calendar-dates.ts";
import * as z from "../schemas/zod.ts";
import { endSentence } from "../web/emails.ts";
import { eventSpec } from "./define.ts";

const OUTCOME_WORDS = {
  renew: "renewed",
  amend: "to be amended: a new version of the agreement goes through signing",
  terminate: "ended: the partnership is terminated",
  expired: "ended: the self-assessment was not given in time, and the partnership has expired",
} as const;

/** The day as words, when it is one (a round started now is a time). */
const dayWords = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? calendarDateWords(day) : day);

export const REVIEW_EVENTS = {
  /** A review asked for now by a staff member (start-review); its execution's BeginReview names them. */
  ReviewRequested: eventSpec(
    z.object({ round: z.string(), requestedBy: z.string() }),
    (d) => `${d.requestedBy} asked for the periodic review to start now (round ${d.round})`,
  ),
  /** A round began: ACTIVE → IN_REVIEW (its StageChanged beside it). `startedBy`: the schedule or a staff email. */
  ReviewStarted: eventSpec(
    z.object({ round: z.string(), startedBy: z.string() }),
    (d) => `The periodic review began (round ${d.round}, started by ${d.startedBy})`,
    () => "The periodic review of the partnership began: you are asked for a self-assessment.",
  ),
  /** The round's end, and the next review's day when it renews. */
  ReviewCompleted: eventSpec(
    z.object({
      round: z.string(),
      outcome: z.enum(["renew", "amend", "terminate", "expired"]),
      reason: z.optional(z.string()),
      nextReviewOn: z.optional(z.string()),
    }),
    (d) =>
      `The periodic review (round ${d.round}) ${OUTCOME_WORDS[d.outcome]}${d.reason ? ` (“${d.reason}”)` : ""}${
        d.nextReviewOn ? `; the next review is due ${d.nextReviewOn}` : ""
      }`,
    (d) =>
      `The periodic review ${OUTCOME_WORDS[d.outcome]}${d.reason ? `: “${d.reason}”` : "."}${
        d.nextReviewOn ? ` The next review is due ${dayWords(d.nextReviewOn)}.` : ""
      }`,
  ),
  /**
   * An amendment declined (its terms by the officer, or on paper): SIGNING → ACTIVE (its StageChanged beside it),
   * on the agreement version that was in force; no new version. The lead was told, to review again or terminate.
   */
  AmendmentDeclined: eventSpec(
    z.object({
      round: z.string(),
      versionInForce: z.optional(z.number()),
      reason: z.optional(z.string()),
      /** Not declined: a signing step of the amendment timed out (StepTimedOut before it), and it lapsed. */
      lapsed: z.optional(z.literal(true)),
    }),
    (d) =>
      `The amendment from the periodic review (round ${d.round}) ${d.lapsed ? "lapsed: a signing step was not done in time" : "was declined"}${d.reason ? ` (“${d.reason}”)` : ""}; the agreement in force stays${
        d.versionInForce ? ` (version ${d.versionInForce})` : ""
      }, and the lead was told`,
    (d) =>
      `${endSentence(`The amendment of the agreement ${d.lapsed ? "lapsed: it was not signed in time" : "was declined"}${d.reason ? `: “${d.reason}”` : ""}`)} The agreement in force stays${
        d.versionInForce ? ` (version ${d.versionInForce})` : ""
      }.`,
  ),
  /** The partner's self-assessment did not come in time: the lead was told (the round then expires). */
  ReviewSelfAssessmentOverdue: eventSpec(
    z.object({ round: z.string() }),
    (d) => `The partner's self-assessment (round ${d.round}) was not given in time; the lead was told`,
  ),
  /** The officer's evaluation ran out of time even once escalated: the lead and the office were told. */
  ReviewEvaluationOverdue: eventSpec(
    z.object({ round: z.string() }),
    (d) =>
      `The review's evaluation (round ${d.round}) was not made in time, even escalated; the lead and the office were told, and it stays open for the lead`,
  ),
};
