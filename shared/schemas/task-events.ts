/** The inputs the state machine hands to each task (see workflows/onboarding/definition.ts). */
import * as z from "./zod.ts";

const partnershipId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "a partnership id"));

/** The state that invokes the task ($$.State.Name): what its ledger events name as their step. */
const step = z.string().check(z.minLength(1), z.maxLength(80));

export const assessEventSchema = z.object({ partnershipId, step });

/** What a task that acts on the partnership as its ledger stands needs: which partnership, from which state. */
export const partnershipTaskSchema = assessEventSchema;

/** The agreement's completion: certified before the partnership is activated, delivered after. */
export const completionTaskSchema = z.object({
  partnershipId,
  step,
  phase: z.enum(["certify", "deliver"]),
});

/** What opens any human step: its kind, the callback's token and timeout, and the values it asked for. */
export const openStepEventSchema = z.object({
  partnershipId,
  kind: z.string().check(z.minLength(1), z.maxLength(80)),
  state: step,
  taskToken: z.string().check(z.minLength(1), z.maxLength(8192)),
  timeoutSeconds: z.number().check(z.int(), z.positive()),
  inputs: z.optional(z.record(z.string(), z.unknown())),
  /** The execution waiting ($$.Execution.Id): kept on the decision, so that an ending can stop it. */
  executionId: z.optional(z.string().check(z.maxLength(256))),
});

export const outcomeEventSchema = z.object({
  partnershipId,
  step,
  outcome: z.enum([
    "approved",
    "vetted",
    "authority-confirmed",
    "activated",
    "declined",
    "expired",
    "vetting-renewed",
    "at-risk",
  ]),
  comment: z.optional(z.string().check(z.maxLength(2000))),
  /** The vetting renewal's round (the day it fell due): one renewal's outcome is recorded once. */
  round: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "a date"))),
  /** Why a renewal ends at risk: the officer's decision, the partner's time, or the review's. */
  reason: z.optional(z.enum(["declined", "not-given", "review-overdue"])),
});

export const failureEventSchema = z.object({
  partnershipId: z.string().check(z.minLength(1)),
  step,
  error: z.string().check(z.maxLength(256)),
  cause: z.string().check(z.maxLength(32_768)),
  /** The vetting renewal's round, when its execution failed (each round's failure is recorded once). */
  round: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "a date"))),
});

/** What EventBridge Scheduler hands a scheduled function: nothing it reads (the schedule's input is `{}`). */
export const scheduledEventSchema = z.object({});
