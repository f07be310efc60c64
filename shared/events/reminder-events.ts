/**
 * The ledger events of a step that waits too long (services/send-reminders.ts, services/tell-lead-of-timeout.ts):
 * a reminder to its assignee, its escalation to the lead, and its timeout. Never the link or an address: who
 * was reminded is a role.
 */
import * as z from "../schemas/zod.ts";
import { eventSpec } from "./define.ts";

/** Who a reminder went to, as a role: the officer assigned, the partner's contact, or the signatory. */
const assigneeRole = z.enum(["officer", "partner", "signatory"]);

export const REMINDER_EVENTS = {
  ReminderSent: eventSpec(
    z.object({
      decisionId: z.string(),
      kind: z.string(),
      /** The how-many-th reminder of this decision (1, 2, …). */
      count: z.number(),
      recipient: assigneeRole,
      dueAt: z.string(),
    }),
    (d) => `Reminder ${d.count} of the overdue ${d.kind} sent to the ${d.recipient}, with the same link`,
    // The status page is the partner's: the signatory may be someone else.
    (d) =>
      d.recipient === "officer"
        ? undefined
        : `We reminded ${d.recipient === "partner" ? "you" : "the signatory"} of the ${d.kind.replace(/-/g, " ")} we are waiting for`,
  ),
  DecisionEscalated: eventSpec(
    z.object({
      decisionId: z.string(),
      kind: z.string(),
      /** Reminders sent before it. */
      reminders: z.number(),
      assignee: assigneeRole,
      dueAt: z.string(),
      /** Whether the lead's email carried the decision's link (an officer's step, which escalated decides only signed in). */
      withLink: z.boolean(),
    }),
    (d) =>
      `The overdue ${d.kind} was escalated to the lead after ${d.reminders} reminder${d.reminders === 1 ? "" : "s"}${
        d.withLink ? ", with its link" : ""
      }`,
  ),
  StepTimedOut: eventSpec(
    z.object({
      kind: z.string(),
      decisionId: z.optional(z.string()),
      /** The step's waiting state that timed out. */
      state: z.string(),
      dueAt: z.optional(z.string()),
    }),
    (d) => `The ${d.kind} timed out (${d.state}); the lead was told`,
  ),
};
