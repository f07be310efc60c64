/**
 * The ledger events of a failed workflow's needs attention and retry (issue 13): where it failed (WorkflowFailed's
 * own data, core-events.ts, takes failureWhereData), and the lead's retry.
 */
import * as z from "../schemas/zod.ts";
import { stageName } from "../web/stage-names.ts";
import { eventSpec } from "./define.ts";

/**
 * Where a workflow failed, as WorkflowFailed records it since issue 13 (each optional: older events have none):
 * which workflow and execution, the state that failed (the retry resumes there), the fields of the execution a
 * retry passes on (the renewal's round and reviewer), and the stage it left for NEEDS_ATTENTION (absent when the
 * stage did not move: the partnership had ended, or needed attention already).
 */
export const failureWhereData = {
  workflow: z.optional(z.string()),
  execution: z.optional(z.string()),
  state: z.optional(z.string()),
  carry: z.optional(z.record(z.string(), z.string())),
  from: z.optional(z.string()),
};

export const ATTENTION_EVENTS = {
  /** The lead retried the failed state: a new execution resumes there, and the stage is the one it left. */
  WorkflowRetried: eventSpec(
    z.object({
      /** The lead (their email: staff addresses are the office's). */
      by: z.string(),
      workflow: z.string(),
      state: z.string(),
      /** The new execution's name. */
      execution: z.string(),
      /** The stage it returns to. */
      to: z.string(),
    }),
    (d) =>
      `${d.by} retried the ${d.workflow.replace(/-/g, " ")} at ${d.state} (execution ${d.execution}); the partnership is ${d.to} again`,
    (d) => `The office took the partnership up again: ${stageName(d.to)}.`,
  ),
};
