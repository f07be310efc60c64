/**
 * POST on the link of one of the agreement's steps (its terms, the signature, the countersignature, a paper
 * signing): as decide-step, for those steps only, so that only this bundle carries the agreement's template.
 */
import { decideStepHandler } from "#shared/http/step-handlers.ts";
import { SIGNING_STEPS } from "#shared/steps/signing-steps.ts";

export const handler = decideStepHandler(SIGNING_STEPS);
