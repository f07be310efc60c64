/**
 * Human step "review-self-assessment": at the periodic review (workflows/review), the partner rates each
 * outcome the agreement in force sets (met, partly, not met), with its evidence and what should change, saving
 * as they go.
 */
import { REVIEW_STATE } from "../../../workflows/review/states.ts";
import { defineStep } from "../step.ts";
import { selfAssessmentEmail, selfAssessmentReceipt } from "./email.ts";
import { selfAssessmentPage } from "./page.ts";
import { parseSelfAssessment } from "./schema.ts";
import { selfAssessmentWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<"submitted">({
  kind: "review-self-assessment",
  state: REVIEW_STATE.awaitSelfAssessment,
  asked: "partner",
  assignee: () => "partner",
  linkPath: "/review",
  timeout: {
    configKey: "reviewSelfAssessmentDays",
    defaultDays: 30,
    description: "time the partner has to give the periodic review's self-assessment",
  },
  outcomes: {
    submitted: {
      next: REVIEW_STATE.awaitEvaluation,
      label: "Send to the office",
      done: "We received your self-assessment. The office will evaluate it and tell you the outcome.",
      decided: "The self-assessment was sent to the office",
    },
  },
  events: { requested: "SelfAssessmentRequested", decided: "SelfAssessmentGiven" },
  readsLedger: true,
  email: selfAssessmentEmail,
  page: selfAssessmentPage,
  initialValues: ({ decision }) => {
    const draft: Record<string, string> = {};
    for (const [name, value] of Object.entries(decision.draft ?? {}))
      if (typeof value === "string") draft[name] = value;
    return draft;
  },
  parse: parseSelfAssessment,
  waiting: selfAssessmentWaiting,
  receipt: selfAssessmentReceipt,
});
