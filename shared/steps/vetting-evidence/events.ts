/** The ledger events of the partner's vetting checklist: asked for, and sent. */
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

const count = (items: unknown) => (Array.isArray(items) ? items.length : 0);

export const vettingEvidenceEvents = {
  VettingEvidenceRequested: eventSpec(
    stepRequestedData,
    (d) =>
      `The partner was asked for vetting evidence (${count(d.details?.items)} checklist items, checklist ${String(d.details?.checklistVersion ?? "")})${d.reissued ? " again (a new link)" : ""}`,
    (d) => `Asked for the vetting checklist (${count(d.details?.items)} items)`,
  ),
  VettingEvidenceSubmitted: eventSpec(
    stepDecidedData,
    (d) => `The partner sent vetting evidence for ${count(d.details?.items)} checklist items`,
    (d) => `Vetting checklist sent (${count(d.details?.items)} items)`,
  ),
};
