/**
 * POST on the link of an intake step (the officer's review, the partner's answer) or a periodic review's step
 * (the partner's self-assessment, the officer's evaluation): one POST per link decides
 * the step; then the workflow resumes. The other families of steps have their own functions
 * (decide-vetting-step, decide-upload-step, decide-agreement-step), each carrying only its pages.
 */
import { decideStepHandler } from "#shared/http/step-handlers.ts";
import { INTAKE_STEPS } from "#shared/steps/intake-steps.ts";
import { REVIEW_STEPS } from "#shared/steps/review-steps.ts";

export const handler = decideStepHandler({ ...INTAKE_STEPS, ...REVIEW_STEPS });
