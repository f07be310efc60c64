/**
 * Human step "vetting-renewal-review": an officer reviews what the partner gave once a waiver ended. The
 * vetting review's page, answers and ledger events; its outcomes lead within the vetting renewal's state
 * machine, and the second button marks the partnership at risk rather than declining it.
 */
import { REVETTING_STATE } from "../../../workflows/revetting/states.ts";
import { defineStep } from "../step.ts";
import { step as review } from "../vetting-review/index.ts";
import { vettingReviewPage } from "../vetting-review/page.ts";
import type { VettingReviewOutcome } from "../vetting-review/schema.ts";
import { vettingRenewalReviewEmail } from "./email.ts";
import { vettingRenewalReviewWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<VettingReviewOutcome>({
  ...review,
  kind: "vetting-renewal-review",
  state: REVETTING_STATE.awaitRenewedReview,
  linkPath: "/vetting-renewal-review",
  timeout: {
    configKey: "vettingReviewDays",
    defaultDays: 7,
    description: "time an officer has to review the vetting evidence",
  },
  outcomes: {
    verify: {
      next: REVETTING_STATE.recordRenewal,
      label: "Record the review",
      done: "Recorded: the vetting is renewed, and the partner is told.",
      decided: "The renewed vetting was verified",
    },
    "request-items": {
      next: REVETTING_STATE.awaitRenewedEvidence,
      label: "Record the review",
      done: "Recorded: the partner is asked again for the items you rejected, with your reasons. You will get a new link when they answer.",
      decided: "Some items were asked for again",
    },
    decline: {
      next: REVETTING_STATE.markAtRisk,
      label: "Mark the partnership at risk",
      done: "Recorded: the partnership is marked at risk, and the office and the partner are told, with your reason.",
      decided: "The partnership was marked at risk",
    },
  },
  email: vettingRenewalReviewEmail,
  page: (view) =>
    vettingReviewPage(view, {
      button: "Mark the partnership at risk",
      commentHint:
        "Optional when you record the review; required to mark the partnership at risk. The partner sees it.",
      title: "Vetting renewal review",
    }),
  waiting: vettingRenewalReviewWaiting,
});
