/** GET on the link of one of the agreement's steps: as show-step, for those steps only. Decides nothing. */
import { showStepHandler } from "#shared/http/step-handlers.ts";
import { SIGNING_STEPS } from "#shared/steps/signing-steps.ts";

export const handler = showStepHandler(SIGNING_STEPS);
