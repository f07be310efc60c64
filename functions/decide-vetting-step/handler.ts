/**
 * POST on the link of a vetting or authority step (the officer's review of the checklist, the signatory's
 * confirmation, its verification): as decide-step, for those steps only. The checklist's own POST, which takes
 * files, is decide-upload-step's.
 */
import { decideStepHandler } from "#shared/http/step-handlers.ts";
import { VETTING_STEPS } from "#shared/steps/vetting-steps.ts";

export const handler = decideStepHandler(VETTING_STEPS);
