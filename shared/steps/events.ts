/**
 * The ledger events the steps declare, each step's own events.ts (merged into shared/events/registry.ts). Apart
 * from the registry of descriptors (index.ts), so that a function that only writes or reads events carries no
 * step's pages or emails. A step without events of its own records the generic StepRequested / StepDecided.
 */
import type { AppConfig } from "../config/app-config.ts";
import type { Decision } from "../domain/partnership.ts";
import { signingEvents } from "./agreement-signing/events.ts";
import { agreementSigningWaiting } from "./agreement-signing/waiting.ts";
import { agreementTermsEvents } from "./agreement-terms/events.ts";
import { agreementTermsWaiting } from "./agreement-terms/waiting.ts";
import { authorityVerificationEvents } from "./authority-verification/events.ts";
import { authorityVerificationWaiting } from "./authority-verification/waiting.ts";
import { countersignEvents } from "./countersign/events.ts";
import { countersignWaiting } from "./countersign/waiting.ts";
import { intakeReviewEvents } from "./intake-review/events.ts";
import { intakeReviewWaiting } from "./intake-review/waiting.ts";
import { paperAgreementEvents } from "./paper-agreement/events.ts";
import { paperAgreementWaiting } from "./paper-agreement/waiting.ts";
import { resubmissionEvents } from "./resubmission/events.ts";
import { resubmissionWaiting } from "./resubmission/waiting.ts";
import { evaluationEvents } from "./review-evaluation/events.ts";
import { evaluationWaiting } from "./review-evaluation/waiting.ts";
import { selfAssessmentEvents } from "./review-self-assessment/events.ts";
import { selfAssessmentWaiting } from "./review-self-assessment/waiting.ts";
import { signatoryConfirmationEvents } from "./signatory-confirmation/events.ts";
import { signatoryConfirmationWaiting } from "./signatory-confirmation/waiting.ts";
import { vettingEvidenceEvents } from "./vetting-evidence/events.ts";
import { vettingEvidenceWaiting } from "./vetting-evidence/waiting.ts";
import { vettingRenewalWaiting } from "./vetting-renewal/waiting.ts";
import { vettingRenewalReviewWaiting } from "./vetting-renewal-review/waiting.ts";
import { vettingReviewEvents } from "./vetting-review/events.ts";
import { vettingReviewWaiting } from "./vetting-review/waiting.ts";

export const STEP_EVENTS = {
  ...intakeReviewEvents,
  ...resubmissionEvents,
  ...vettingEvidenceEvents,
  ...vettingReviewEvents,
  ...signatoryConfirmationEvents,
  ...authorityVerificationEvents,
  ...agreementTermsEvents,
  ...signingEvents,
  ...countersignEvents,
  ...paperAgreementEvents,
  ...selfAssessmentEvents,
  ...evaluationEvents,
};

/**
 * What the partner's status page says while each step waits, by kind: apart from the descriptors, so that the
 * status page carries no step's pages.
 */
export const STEP_WAITING: Readonly<Record<string, (decision: Decision, config: AppConfig) => string>> = {
  "agreement-signing": agreementSigningWaiting,
  "agreement-terms": agreementTermsWaiting,
  "authority-verification": authorityVerificationWaiting,
  countersign: countersignWaiting,
  "intake-review": intakeReviewWaiting,
  "paper-agreement": paperAgreementWaiting,
  resubmission: resubmissionWaiting,
  "signatory-confirmation": signatoryConfirmationWaiting,
  "vetting-evidence": vettingEvidenceWaiting,
  "vetting-review": vettingReviewWaiting,
  "vetting-renewal": vettingRenewalWaiting,
  "vetting-renewal-review": vettingRenewalReviewWaiting,
  "review-self-assessment": selfAssessmentWaiting,
  "review-evaluation": evaluationWaiting,
};
