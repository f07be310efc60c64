/**
 * The registry of human steps: each step's folder, listed once. Everything listed by kind elsewhere (decision
 * kinds, link routes, decided-event types, waiting texts, timeout settings, the stack's routes) is derived
 * from it.
 */
import { INTAKE_STEPS } from "./intake-steps.ts";
import { REVIEW_STEPS } from "./review-steps.ts";
import { SIGNING_STEPS } from "./signing-steps.ts";
import type { HumanStep } from "./step.ts";
import { VETTING_STEPS } from "./vetting-steps.ts";

/**
 * Every step, in the order the onboarding meets them. The functions that decide steps each import only their
 * family (intake-steps.ts, vetting-steps.ts, signing-steps.ts), which keeps each bundle to the pages it serves.
 */
export const STEPS = {
  ...INTAKE_STEPS,
  ...VETTING_STEPS,
  ...SIGNING_STEPS,
  ...REVIEW_STEPS,
} satisfies Record<string, HumanStep>;

export type StepKind = keyof typeof STEPS;

export { type StepRegistry, stepOf } from "./registry.ts";
