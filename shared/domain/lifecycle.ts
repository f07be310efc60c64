/** The partnership lifecycle: stages and the transitions between them. */
import { IllegalTransitionError } from "./errors.ts";

export const STAGES = [
  "SUBMITTED",
  "ASSESSING",
  "VETTING",
  "CONFIRMING_AUTHORITY",
  "SIGNING",
  "ACTIVE",
  "IN_REVIEW",
  "NEEDS_ATTENTION",
  "TERMINATED",
  "DECLINED",
  "WITHDRAWN",
  "EXPIRED",
] as const;
export type Stage = (typeof STAGES)[number];

/** The onboarding's stages: the partnership is not active yet. */
export const OPEN_STAGES: readonly Stage[] = [
  "SUBMITTED",
  "ASSESSING",
  "VETTING",
  "CONFIRMING_AUTHORITY",
  "SIGNING",
];
export const TERMINAL_STAGES: readonly Stage[] = ["TERMINATED", "DECLINED", "WITHDRAWN", "EXPIRED"];

/** The stages a workflow runs in: a failed workflow leaves one for NEEDS_ATTENTION, and a retry returns to it. */
export const WORKING_STAGES: readonly Stage[] = [...OPEN_STAGES, "ACTIVE", "IN_REVIEW"];

const FORWARD: Record<Stage, readonly Stage[]> = {
  SUBMITTED: ["ASSESSING"],
  ASSESSING: ["VETTING"],
  VETTING: ["CONFIRMING_AUTHORITY"],
  CONFIRMING_AUTHORITY: ["SIGNING"],
  SIGNING: ["ACTIVE"],
  ACTIVE: ["IN_REVIEW"],
  // Renewed, amended (the new version through the signing steps), or terminated; expired when the partner's
  // self-assessment never came and the lead was told.
  IN_REVIEW: ["ACTIVE", "SIGNING", "TERMINATED", "EXPIRED"],
  // A retry returns to the stage the failed workflow was in.
  NEEDS_ATTENTION: WORKING_STAGES,
  TERMINATED: [],
  DECLINED: [],
  WITHDRAWN: [],
  EXPIRED: [],
};

export function allowedNext(from: Stage): readonly Stage[] {
  if (isTerminal(from)) return [];
  // Declined or expired while onboarding; withdrawn by the partner or terminated by the lead at any stage; a
  // failed workflow needs attention from any stage it runs in.
  const onboardingExits: readonly Stage[] = OPEN_STAGES.includes(from) ? ["DECLINED", "EXPIRED"] : [];
  const leaving: readonly Stage[] = ["WITHDRAWN", "TERMINATED"];
  const attention: readonly Stage[] = WORKING_STAGES.includes(from) ? ["NEEDS_ATTENTION"] : [];
  return [...new Set([...FORWARD[from], ...onboardingExits, ...leaving, ...attention])];
}

export function canTransition(from: Stage, to: Stage): boolean {
  return allowedNext(from).includes(to);
}

/** Returns `to` when the move is legal; throws IllegalTransitionError otherwise. */
export function transition(from: Stage, to: Stage): Stage {
  if (!canTransition(from, to)) {
    throw new IllegalTransitionError(`A partnership cannot move from ${from} to ${to}`);
  }
  return to;
}

export function isTerminal(stage: Stage): boolean {
  return TERMINAL_STAGES.includes(stage);
}
