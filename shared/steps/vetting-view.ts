/** The vetting as the vetting steps' pages and parsers see it: the pinned checklist and each item's state. */
import { CURRENT_CHECKLIST, checklistOf } from "../config/vetting-checklist.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import type { Partnership } from "../domain/partnership.ts";
import type { Checklist, EvidenceField } from "../domain/vetting-checklist.ts";
import { pinnedChecklistVersion, type VettingState, vettingState } from "../domain/vetting-state.ts";

export interface VettingView {
  readonly checklist: Checklist;
  readonly state: VettingState;
}

export function vettingOf(view: {
  readonly partnership: Partnership;
  readonly events: readonly LedgerEvent[];
}): VettingView {
  const pinned = pinnedChecklistVersion(view.events);
  const checklist = pinned ? checklistOf(pinned) : CURRENT_CHECKLIST;
  const { contributionTypes, audiences } = view.partnership.intake;
  return { checklist, state: vettingState(checklist, { contributionTypes, audiences }, view.events) };
}

/** How each evidence detail is asked for and shown. */
export const EVIDENCE_FIELD_LABELS: Record<EvidenceField, string> = {
  issuer: "Issued by",
  number: "Number (registration, policy or certificate)",
  amount: "Amount of cover",
  expiry: "Expiry date",
};

/** The form field of one of an item's answers: `<item id>.<part>`. */
export const itemField = (itemId: string, part: string): string => `${itemId}.${part}`;
