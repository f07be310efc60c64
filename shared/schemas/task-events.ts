/** The inputs the state machine hands to each task (see workflows/onboarding/definition.ts). */
import { REVIEW_ROUND, REVIEW_TASK_OUTCOMES } from "../domain/review.ts";
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
  /** When it falls due (before the reminders and the escalation); the timeout when absent. */
  dueSeconds: z.optional(z.number().check(z.int(), z.positive())),
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
    ...REVIEW_TASK_OUTCOMES,
  ]),
  comment: z.optional(z.string().check(z.maxLength(2000))),
  /** The vetting renewal's or the review's round (the day it fell due, or `now-…`): its outcome is recorded once. */
  round: z.optional(z.string().check(z.regex(REVIEW_ROUND, "a round"))),
  /** Why a renewal ends at risk: the officer's decision, the partner's time, or the review's. */
  reason: z.optional(z.enum(["declined", "not-given", "review-overdue"])),
});

/** A failed state's error as its Catch puts it: { Error, Cause }. */
const stateError = z.object({
  Error: z.optional(z.string().check(z.maxLength(256))),
  Cause: z.optional(z.string().check(z.maxLength(32_768))),
});

/**
 * What the failure task is given (workflows/resume.ts, failurePayload): the workflow, the execution, the failed
 * state with its error (`failed`: { <state>: { Error, Cause } }) and the fields a retry passes on (`carry`).
 * An execution started before issue 13 gives `error` and `cause` instead of `failed`, and no workflow.
 */
export const failureEventSchema = z.object({
  partnershipId: z.string().check(z.minLength(1)),
  step,
  error: z.optional(z.string().check(z.maxLength(256))),
  cause: z.optional(z.string().check(z.maxLength(32_768))),
  workflow: z.optional(z.string().check(z.regex(/^[a-z][a-z-]{0,39}$/, "a workflow's name"))),
  execution: z.optional(z.string().check(z.minLength(1), z.maxLength(80))),
  failed: z.optional(z.record(z.string().check(z.minLength(1), z.maxLength(80)), stateError)),
  carry: z.optional(z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(100)))),
  /** The vetting renewal's or the review's round, when its execution failed (each round's failure is recorded once). */
  round: z.optional(z.string().check(z.regex(REVIEW_ROUND, "a round"))),
});

/** What EventBridge Scheduler hands a scheduled function: nothing it reads (the schedule's input is `{}`). */
export const scheduledEventSchema = z.object({});

/** What a timeout branch's task is given (workflows/timeout-branch.ts): a vetting renewal's also its round. */
export const timeoutTaskSchema = z.object({
  partnershipId,
  step,
  /** What follows the lead being told: the onboarding expires; a vetting renewal marks the partnership at risk. */
  outcome: z.optional(z.enum(["expired", "at-risk", "amendment-lapses"])),
  round: z.optional(z.string().check(z.regex(REVIEW_ROUND, "a round"))),
  /** The execution whose step timed out ($$.Execution.Id): its decision, not another workflow's. */
  executionId: z.optional(z.string().check(z.maxLength(256))),
});
