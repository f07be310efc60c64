/** The self-assessment's ledger events. */

import { ratingsOf, ratingsSummary } from "../../domain/review.ts";
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

export const selfAssessmentEvents = {
  SelfAssessmentRequested: eventSpec(
    stepRequestedData,
    (d) => `The partner was asked for the review's self-assessment${d.reissued ? " again (a new link)" : ""}`,
  ),
  SelfAssessmentGiven: eventSpec(
    stepDecidedData,
    (d) => `The partner gave the self-assessment: ${ratingsSummary(ratingsOf(d.details))}`,
    (d) => `You sent your self-assessment (${ratingsSummary(ratingsOf(d.details))}).`,
  ),
};
