/**
 * GET on an intake or periodic review step's link: shows what is being decided. Decides nothing (mail scanners fetch links). The
 * other families' links have their own functions (show-vetting-step, show-agreement-step), each carrying only
 * its pages.
 */
import { showStepHandler } from "#shared/http/step-handlers.ts";
import { INTAKE_STEPS } from "#shared/steps/intake-steps.ts";
import { REVIEW_STEPS } from "#shared/steps/review-steps.ts";

export const handler = showStepHandler({ ...INTAKE_STEPS, ...REVIEW_STEPS });
