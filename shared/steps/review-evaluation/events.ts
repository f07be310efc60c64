/** The review evaluation's ledger events. */
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

export const evaluationEvents = {
  ReviewEvaluationRequested: eventSpec(
    stepRequestedData,
    (d) =>
      `An officer (${d.assignee}) was asked to evaluate the review${d.reissued ? " again (a new link)" : ""}`,
  ),
  ReviewEvaluated: eventSpec(
    stepDecidedData,
    (d) => `The review was evaluated: ${d.outcome}${d.comment ? ` (“${d.comment}”)` : ""}`,
    (d) =>
      d.outcome === "renew" || d.outcome === "amend" || d.outcome === "terminate"
        ? `The office evaluated the review: ${d.outcome}${d.comment ? ` (“${d.comment}”)` : ""}`
        : undefined,
  ),
};
