/** Task of every human step (callback): opens the step, stores its decision and link, emails the link. */
import { openStepHandler } from "#shared/http/step-handlers.ts";
import { STEPS } from "#shared/steps/index.ts";

export const handler = openStepHandler(STEPS);
