/** The ledger events of a paper signing. */
import { eventSpec } from "../../events/define.ts";
import { declinedAmendment, stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

export const paperAgreementEvents = {
  PaperSigningRequested: eventSpec(
    stepRequestedData,
    (d) =>
      `The office (${d.assignee}) was asked to arrange a paper signing${d.reissued ? " again (a new link)" : ""}`,
  ),
  PaperSigningRecorded: eventSpec(
    stepDecidedData,
    (d) =>
      d.outcome === "received"
        ? `The officer recorded the agreement signed on paper (${String((d.details?.paper as { reference?: unknown } | undefined)?.reference ?? "")})`
        : d.outcome === "conflict"
          ? "The officer declared a conflict of interest; the paper signing went to another officer"
          : `The officer declined the ${declinedAmendment(d) ? "amendment" : "partnership"}${d.comment ? ` (“${d.comment}”)` : ""}`,
    // An amendment declined: the AmendmentDeclined the review records with it tells the partner, with the reason.
    (d) =>
      d.outcome === "received"
        ? "The agreement was signed on paper"
        : d.outcome === "decline" && !declinedAmendment(d)
          ? "Declined"
          : undefined,
  ),
};
