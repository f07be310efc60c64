/** Human step "vetting-review": the officer verifies, asks again for, or waives each checklist item sent. */
import { STATE } from "../../../workflows/onboarding/states.ts";
import { assignOfficer, declineOutcome } from "../officer-steps.ts";
import { defineStep } from "../step.ts";
import { vettingReviewEmail } from "./email.ts";
import { vettingReviewPage } from "./page.ts";
import { parseVettingReview, type VettingReviewOutcome } from "./schema.ts";
import { vettingReviewWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<VettingReviewOutcome>({
  kind: "vetting-review",
  state: STATE.awaitVettingReview,
  asked: "officer",
  assignee: (view) => assignOfficer(view),
  linkPath: "/vetting-review",
  documents: "evidence",
  timeout: {
    configKey: "vettingReviewDays",
    defaultDays: 7,
    description: "time an officer has to review the vetting evidence",
  },
  outcomes: {
    verify: {
      next: STATE.confirmVetting,
      label: "Record the review",
      done: "Recorded: the vetting is complete, and the signatory is asked to confirm their authority.",
      decided: "The vetting was verified",
    },
    "request-items": {
      next: STATE.awaitVettingEvidence,
      label: "Record the review",
      done: "Recorded: the partner is asked again for the items you rejected, with your reasons. You will get a new link when they answer.",
      decided: "Some items were asked for again",
    },
    decline: declineOutcome("Decline the partnership"),
  },
  events: { requested: "VettingReviewRequested", decided: "VettingReviewed" },
  readsLedger: true,
  email: vettingReviewEmail,
  page: vettingReviewPage,
  initialValues: () => ({}),
  parse: parseVettingReview,
  waiting: vettingReviewWaiting,
});
