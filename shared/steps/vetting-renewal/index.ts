/**
 * Human step "vetting-renewal": once a waiver has ended, or verified evidence expires within the notice window
 * (EVIDENCE_RENEWAL_NOTICE_DAYS), the partner of an active partnership gives those items now, in one round. The
 * checklist step's page, answers and ledger events (so the vetting's fold reads both), in the vetting renewal's
 * own state machine (workflows/revetting); its request also records the expiring evidence (`expiring`).
 */
import { REVETTING_STATE } from "../../../workflows/revetting/states.ts";
import type { Json } from "../../domain/canonical-json.ts";
import { defineStep } from "../step.ts";
import { step as checklist } from "../vetting-evidence/index.ts";
import { vettingRenewalEmail } from "./email.ts";
import { expiringItems } from "./expiring.ts";
import { vettingRenewalWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<"submitted">({
  ...checklist,
  kind: "vetting-renewal",
  state: REVETTING_STATE.awaitRenewedEvidence,
  linkPath: "/vetting-renewal",
  timeout: {
    configKey: "vettingEvidenceDays",
    defaultDays: 30,
    description: "time the partner has to complete the vetting checklist, or to give what a waiver put off",
  },
  outcomes: {
    submitted: {
      next: REVETTING_STATE.awaitRenewedReview,
      label: "Send for review",
      done: "We received your answers. The partnership officer will review them; we will email you if anything more is needed.",
      decided: "The items whose waiver ended, or whose evidence expires soon, were sent for review",
    },
  },
  requestDetails: (view) => {
    const expiring = expiringItems(view);
    return {
      ...checklist.requestDetails?.(view),
      ...(expiring.length > 0 ? { expiring: expiring.map((e) => ({ ...e })) as Json[] } : {}),
    };
  },
  email: vettingRenewalEmail,
  waiting: vettingRenewalWaiting,
});
