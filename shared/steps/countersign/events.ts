/** The ledger events of the office's countersignature. */
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

export const countersignEvents = {
  CountersignatureRequested: eventSpec(
    stepRequestedData,
    (d) =>
      `An officer (${d.assignee}) was asked to countersign the agreement${d.reissued ? " again (a new link)" : ""}`,
  ),
  CountersignatureDecided: eventSpec(
    stepDecidedData,
    (d) => {
      const s = (d.details?.signature ?? {}) as Record<string, unknown>;
      if (d.outcome === "countersign")
        return `The officer countersigned: ${String(s.name ?? "")} (${String(s.email ?? "")}) at ${String(s.signedAt ?? "")} from ${String(s.ip ?? "")}, on SHA-256 ${String(s.documentSha256 ?? "")}`;
      if (d.outcome === "amend") return `The officer asked for a change to the agreement (“${d.comment}”)`;
      return "The officer declared a conflict of interest; the countersignature went to another officer";
    },
    (d) =>
      d.outcome === "countersign"
        ? "The office countersigned the agreement"
        : d.outcome === "amend"
          ? `The office asked for a change to the agreement: “${d.comment}”`
          : undefined,
  ),
};
