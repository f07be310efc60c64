/**
 * The ledger events the steps declare, each step's own events.ts (merged into shared/events/registry.ts). Apart
 * from the registry of descriptors (index.ts), so that a function that only writes or reads events carries no
 * step's pages or emails. A step without events of its own records the generic StepRequested / StepDecided.
 */
import { signingEvents } from "./agreement-signing/events.ts";
import { agreementTermsEvents } from "./agreement-terms/events.ts";
import { authorityVerificationEvents } from "./authority-verification/events.ts";
import { countersignEvents } from "./countersign/events.ts";
import { intakeReviewEvents } from "./intake-review/events.ts";
import { paperAgreementEvents } from "./paper-agreement/events.ts";
import { resubmissionEvents } from "./resubmission/events.ts";
import { signatoryConfirmationEvents } from "./signatory-confirmation/events.ts";
import { vettingEvidenceEvents } from "./vetting-evidence/events.ts";
import { vettingReviewEvents } from "./vetting-review/events.ts";

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
};
