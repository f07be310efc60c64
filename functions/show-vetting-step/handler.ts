/** GET on a vetting or authority step's link: as show-step, for those steps only. Decides nothing. */
import { showStepHandler } from "#shared/http/step-handlers.ts";
import { VETTING_STEPS } from "#shared/steps/vetting-steps.ts";

export const handler = showStepHandler(VETTING_STEPS);
