/**
 * The steps of vetting and authority: the partner's checklist (decided by decide-upload-step, since it takes
 * files) and its review, the signatory's confirmation and its verification (decide-vetting-step), and the
 * renewal of the vetting when a waiver ends.
 */
import * as authorityVerification from "./authority-verification/index.ts";
import * as signatoryConfirmation from "./signatory-confirmation/index.ts";
import type { HumanStep } from "./step.ts";
import * as vettingEvidence from "./vetting-evidence/index.ts";
import * as vettingRenewal from "./vetting-renewal/index.ts";
import * as vettingRenewalReview from "./vetting-renewal-review/index.ts";
import * as vettingReview from "./vetting-review/index.ts";

export const VETTING_STEPS = {
  "vetting-evidence": vettingEvidence.step,
  "vetting-review": vettingReview.step,
  "signatory-confirmation": signatoryConfirmation.step,
  "authority-verification": authorityVerification.step,
  // The vetting renewal's, once a waiver ends (workflows/revetting): the same pages and events.
  "vetting-renewal": vettingRenewal.step,
  "vetting-renewal-review": vettingRenewalReview.step,
} satisfies Record<string, HumanStep>;
