/** GET on a human step's link: shows what is being decided. Decides nothing (mail scanners fetch links). */
import { showStepHandler } from "#shared/http/step-handlers.ts";
import { STEPS } from "#shared/steps/index.ts";

export const handler = showStepHandler(STEPS);
