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
  "TERMINATED",
  "DECLINED",
  "WITHDRAWN",
  "EXPIRED",
] as const;
export type Stage = (typeof STAGES)[number];

export const OPEN_STAGES: readonly Stage[] = [
  "SUBMITTED",
  "ASSESSING",
  "VETTING",
  "CONFIRMING_AUTHORITY",
  "SIGNING",
];
export const TERMINAL_STAGES: readonly Stage[] = ["TERMINATED", "DECLINED", "WITHDRAWN", "EXPIRED"];

const FORWARD: Record<Stage, readonly Stage[]> = {
  SUBMITTED: ["ASSESSING"],
  ASSESSING: ["VETTING"],
  VETTING: ["CONFIRMING_AUTHORITY"],
  CONFIRMING_AUTHORITY: ["SIGNING"],
  SIGNING: ["ACTIVE"],
  ACTIVE: ["IN_REVIEW"],
  IN_REVIEW: ["ACTIVE", "SIGNING", "TERMINATED"],
  TERMINATED: [],
  DECLINED: [],
  WITHDRAWN: [],
  EXPIRED: [],
};

export function allowedNext(from: Stage): readonly Stage[] {
  const exits: readonly Stage[] = OPEN_STAGES.includes(from) ? ["DECLINED", "WITHDRAWN", "EXPIRED"] : [];
  return [...FORWARD[from], ...exits];
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
