/** The ledger events of the signatory's confirmation of authority, or delegation. */
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

const person = (p: unknown) => {
  const r = (p ?? {}) as { name?: unknown; title?: unknown; email?: unknown };
  return `${String(r.name ?? "")}, ${String(r.title ?? "")} (${String(r.email ?? "")})`;
};

export const signatoryConfirmationEvents = {
  AuthorityConfirmationRequested: eventSpec(
    stepRequestedData,
    (d) =>
      `The signatory (${d.assignee}) was asked to confirm their authority${d.reissued ? " again (a new link)" : ""}`,
    () => "The signatory was asked to confirm their authority to sign",
  ),
  AuthorityConfirmationAnswered: eventSpec(
    stepDecidedData,
    (d) =>
      d.outcome === "delegate"
        ? `The signatory handed the signing to ${person(d.details?.delegate)}`
        : `${person(d.details?.signatory)} confirmed their authority to commit the organisation${
            d.details?.evidence ? ` (evidence: “${String(d.details.evidence)}”)` : ""
          }${d.outcome === "confirm-unverified" ? "; an officer must verify it" : ""}`,
    (d) =>
      d.outcome === "delegate"
        ? "The signing was handed to another person, who has been asked to confirm"
        : "The signatory confirmed their authority",
  ),
};
