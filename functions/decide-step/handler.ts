/** POST on a human step's link: one POST per link decides the step; then the workflow resumes. */
import { decideStepHandler } from "#shared/http/step-handlers.ts";
import { STEPS } from "#shared/steps/index.ts";

export const handler = decideStepHandler(STEPS);
