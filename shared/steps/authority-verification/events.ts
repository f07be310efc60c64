/** The ledger events of an officer's verification of the signatory's authority. */
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

const WORDS: Record<string, string> = {
  verify: "verified the signatory's authority",
  "request-evidence": "asked the signatory for evidence of authority",
  decline: "declined the partnership",
  conflict: "declared a conflict of interest; the verification went to another officer",
};

export const authorityVerificationEvents = {
  AuthorityVerificationRequested: eventSpec(
    stepRequestedData,
    (d) =>
      `An officer's verification of the signatory's authority was requested${d.reissued ? " again (a new link)" : ""}`,
  ),
  AuthorityVerificationDecided: eventSpec(
    stepDecidedData,
    (d) => `The officer ${WORDS[d.outcome] ?? d.outcome}${d.comment ? ` (“${d.comment}”)` : ""}`,
    (d) =>
      d.outcome === "verify"
        ? "The signatory's authority was verified"
        : d.outcome === "decline"
          ? `Declined${d.comment ? `: “${d.comment}”` : ""}`
          : undefined,
  ),
};
