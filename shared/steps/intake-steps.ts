/**
 * The intake's steps: the officer's review, and the partner's answer to a request for more information.
 * Decided by decide-step; each family of steps is listed apart so that the function deciding it carries only
 * its pages (see index.ts).
 */
import * as intakeReview from "./intake-review/index.ts";
import * as resubmission from "./resubmission/index.ts";
import type { HumanStep } from "./step.ts";

export const INTAKE_STEPS = {
  "intake-review": intakeReview.step,
  resubmission: resubmission.step,
} satisfies Record<string, HumanStep>;
