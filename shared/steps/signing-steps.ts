/**
 * The steps of the agreement and its signing: listed apart so that the functions that decide them
 * (decide-agreement-step) carry the agreement's template and rendering, and the others do not (see index.ts).
 */
import * as agreementSigning from "./agreement-signing/index.ts";
import * as agreementTerms from "./agreement-terms/index.ts";
import * as countersign from "./countersign/index.ts";
import * as paperAgreement from "./paper-agreement/index.ts";
import type { HumanStep } from "./step.ts";

export const SIGNING_STEPS = {
  "agreement-terms": agreementTerms.step,
  "agreement-signing": agreementSigning.step,
  countersign: countersign.step,
  "paper-agreement": paperAgreement.step,
} satisfies Record<string, HumanStep>;
