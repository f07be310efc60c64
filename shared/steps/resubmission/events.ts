/** The ledger events of a request for more information and the partner's answer. */
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";
import * as z from "../../schemas/zod.ts";

export const resubmissionEvents = {
  ResubmissionRequested: eventSpec(
    stepRequestedData,
    (d) => `The partner was asked for more information${d.reissued ? " again (a new link)" : ""}`,
  ),
  /** The partner's answer to the officer's question is its comment. */
  ResubmissionReceived: eventSpec(
    stepDecidedData,
    (d) =>
      `The partner answered${d.comment ? ` (“${d.comment}”)` : ""}${d.intakeSuperseded ? "; its answers came after other answers had taken their version" : ""}`,
  ),
  IntakeResubmitted: eventSpec(
    z.object({
      intakeVersion: z.number(),
      intake: z.record(z.string(), z.unknown()),
      /** The decision whose answers these are. */
      decisionId: z.optional(z.string()),
    }),
    (d) => `The partner's updated answers became intake version ${d.intakeVersion}`,
    () => "Updated answers received",
  ),
};
