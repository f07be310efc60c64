/** The intake review's ledger events. */
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";
import type { IntakeReviewOutcome } from "./schema.ts";

const quoted = (comment: string) => (comment ? `: “${comment}”` : "");

const FOR_PARTNER: Record<IntakeReviewOutcome, (comment: string) => string> = {
  approve: (c) => `Approved to go on to vetting${quoted(c)}`,
  "request-info": (c) => `More information requested${quoted(c)}`,
  decline: (c) => `Declined${quoted(c)}`,
};

export const intakeReviewEvents = {
  OfficerDecisionRequested: eventSpec(
    stepRequestedData,
    (d) => `An officer's decision on the intake was requested${d.reissued ? " again (a new link)" : ""}`,
  ),
  OfficerDecided: eventSpec(
    stepDecidedData,
    (d) => `The officer decided: ${d.outcome}${d.comment ? ` (“${d.comment}”)` : ""}`,
    (d) =>
      Object.hasOwn(FOR_PARTNER, d.outcome)
        ? FOR_PARTNER[d.outcome as IntakeReviewOutcome](d.comment)
        : undefined,
  ),
};
