/** The ledger events of the partner's vetting checklist: asked for, and sent. */
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

/** "1 item", "3 items". */
const count = (items: unknown) => {
  const n = Array.isArray(items) ? items.length : 0;
  return `${n} ${n === 1 ? "item" : "items"}`;
};

export const vettingEvidenceEvents = {
  VettingEvidenceRequested: eventSpec(
    stepRequestedData,
    (d) =>
      `The partner was asked for vetting evidence (${count(d.details?.items)} of checklist ${String(d.details?.checklistVersion ?? "")})${d.reissued ? " again (a new link)" : ""}`,
    (d) => `Asked for the vetting checklist (${count(d.details?.items)})`,
  ),
  VettingEvidenceSubmitted: eventSpec(
    stepDecidedData,
    (d) => `The partner sent vetting evidence for ${count(d.details?.items)} of the checklist`,
    (d) => `Vetting checklist sent (${count(d.details?.items)})`,
  ),
};
