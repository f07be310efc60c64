/**
 * The registry of human steps: each step's folder, listed once. Everything listed by kind elsewhere (decision
 * kinds, link routes, decided-event types, waiting texts, timeout settings, the stack's routes) is derived
 * from it.
 */
import * as agreementSigning from "./agreement-signing/index.ts";
import * as agreementTerms from "./agreement-terms/index.ts";
import * as authorityVerification from "./authority-verification/index.ts";
import * as countersign from "./countersign/index.ts";
import * as intakeReview from "./intake-review/index.ts";
import * as paperAgreement from "./paper-agreement/index.ts";
import * as resubmission from "./resubmission/index.ts";
import * as signatoryConfirmation from "./signatory-confirmation/index.ts";
import type { HumanStep } from "./step.ts";
import * as vettingEvidence from "./vetting-evidence/index.ts";
import * as vettingReview from "./vetting-review/index.ts";

export const STEPS = {
  "intake-review": intakeReview.step,
  resubmission: resubmission.step,
  "vetting-evidence": vettingEvidence.step,
  "vetting-review": vettingReview.step,
  "signatory-confirmation": signatoryConfirmation.step,
  "authority-verification": authorityVerification.step,
  "agreement-terms": agreementTerms.step,
  "agreement-signing": agreementSigning.step,
  countersign: countersign.step,
  "paper-agreement": paperAgreement.step,
} satisfies Record<string, HumanStep>;

export type StepKind = keyof typeof STEPS;

/** Steps by kind as the generic handlers look them up: the registry, or (in a test) one that adds to it. */
export type StepRegistry = Readonly<Record<string, HumanStep>>;

/** The step a stored decision belongs to; undefined for a kind this registry does not know. */
export function stepOf(registry: StepRegistry, kind: string): HumanStep | undefined {
  return Object.hasOwn(registry, kind) ? registry[kind] : undefined;
}
