/** Human step "intake-review": the assigned officer approves the intake, asks for more information, or declines. */

import { STATE } from "../../../workflows/onboarding/states.ts";
import { assignOfficer, declineOutcome } from "../officer-steps.ts";
import { defineStep } from "../step.ts";
import { intakeReviewEmail } from "./email.ts";
import { intakeReviewPage } from "./page.ts";
import { type IntakeReviewOutcome, parseIntakeReview } from "./schema.ts";
import { intakeReviewWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<IntakeReviewOutcome>({
  kind: "intake-review",
  state: STATE.awaitOfficerDecision,
  asked: "officer",
  assignee: (view) => assignOfficer(view),
  linkPath: "/decisions",
  timeout: {
    configKey: "officerDecisionDays",
    defaultDays: 7,
    description: "time an officer has to decide on an intake before the partnership expires",
  },
  outcomes: {
    approve: {
      next: STATE.approveForVetting,
      label: "Approve: go on to vetting",
      done: "Approved. The partner has been told, with your comment if you wrote one, and vetting starts.",
      decided: "Approved: the partnership went on to vetting",
    },
    "request-info": {
      next: STATE.awaitPartnerResubmission,
      label: "Ask for more information",
      done: "The partner has been asked for more information. You will get a new link when they answer.",
      decided: "More information was asked of the partner",
    },
    decline: declineOutcome(),
  },
  events: { requested: "OfficerDecisionRequested", decided: "OfficerDecided" },
  email: intakeReviewEmail,
  page: intakeReviewPage,
  initialValues: () => ({}),
  parse: parseIntakeReview,
  waiting: intakeReviewWaiting,
});
