/**
 * The periodic review's steps (workflows/review): the partner's self-assessment and the officer's evaluation.
 * Of no family of their own: decided by decide-step and shown by show-step, beside the intake's (their pages
 * are small, and carry neither the agreement's rendering nor uploads).
 */
import * as reviewEvaluation from "./review-evaluation/index.ts";
import * as reviewSelfAssessment from "./review-self-assessment/index.ts";
import type { HumanStep } from "./step.ts";

export const REVIEW_STEPS = {
  "review-self-assessment": reviewSelfAssessment.step,
  "review-evaluation": reviewEvaluation.step,
} satisfies Record<string, HumanStep>;
