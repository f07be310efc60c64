/** The ledger events of the agreement's terms, and of the versions issued from them. */
import { agreementIssuedSchema } from "../../domain/agreement-state.ts";
import { eventSpec } from "../../events/define.ts";
import { declinedAmendment, stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

export const agreementTermsEvents = {
  AgreementTermsRequested: eventSpec(
    stepRequestedData,
    (d) => `An officer was asked to set the agreement's terms${d.reissued ? " again (a new link)" : ""}`,
  ),
  AgreementTermsSet: eventSpec(
    stepDecidedData,
    (d) =>
      d.outcome === "issue"
        ? `The officer set the agreement's terms (template ${String(d.details?.templateVersion ?? "")})`
        : d.outcome === "conflict"
          ? "The officer declared a conflict of interest; the agreement went to another officer"
          : `The officer ${d.outcome === "decline" ? (declinedAmendment(d) ? "declined the amendment" : "declined the partnership") : d.outcome}${d.comment ? ` (“${d.comment}”)` : ""}`,
    // An amendment declined: the AmendmentDeclined the review records with it tells the partner, with the reason.
    (d) =>
      d.outcome === "decline" && !declinedAmendment(d)
        ? `Declined${d.comment ? `: “${d.comment}”` : ""}`
        : undefined,
  ),
  AgreementIssued: eventSpec(
    agreementIssuedSchema,
    (d) =>
      `Agreement version ${d.version} was issued (SHA-256 ${d.sha256}, template ${d.templateVersion})${
        d.voids?.length ? `; it voids the signatures on version ${d.voids.join(", ")}` : ""
      }`,
    (d) =>
      `Agreement version ${d.version} prepared${d.voids?.length ? " (it replaces the one signed before)" : ""}`,
  ),
};
