/** The ledger events of the partner's signature. */
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

const signer = (details: Record<string, unknown> | undefined) => {
  const s = (details?.signature ?? {}) as Record<string, unknown>;
  return `${String(s.name ?? "")} (${String(s.email ?? "")}) at ${String(s.signedAt ?? "")} from ${String(s.ip ?? "")}, on SHA-256 ${String(s.documentSha256 ?? "")}`;
};

export const signingEvents = {
  SignatureRequested: eventSpec(
    stepRequestedData,
    (d) =>
      `The signatory (${d.assignee}) was asked to sign the agreement${d.reissued ? " again (a new link)" : ""}`,
    () => "The agreement was sent to your signatory to sign",
  ),
  PartnerSignatureAnswered: eventSpec(
    stepDecidedData,
    (d) =>
      d.outcome === "sign"
        ? `The partner's signatory signed: ${signer(d.details)}, with consent to electronic records`
        : `The partner's signatory declined to sign electronically and asked for a paper process${d.comment ? ` (“${d.comment}”)` : ""}`,
    (d) =>
      d.outcome === "sign" ? "Your signatory signed the agreement" : "A paper signing process was requested",
  ),
};
