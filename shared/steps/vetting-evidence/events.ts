/** The ledger events of the partner's vetting checklist: asked for, and sent. */
import { calendarDateWords } from "../../domain/calendar-dates.ts";
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";

/** "1 item", "3 items". */
const count = (items: unknown) => {
  const n = Array.isArray(items) ? items.length : 0;
  return `${n} ${n === 1 ? "item" : "items"}`;
};

/** A vetting renewal's evidence asked for again as it expires soon (`details.expiring`), in words; "" for none. */
function expiringWords(expiring: unknown, dates: (day: string) => string): string {
  if (!Array.isArray(expiring)) return "";
  const named = expiring.flatMap((e: unknown) =>
    e && typeof e === "object" && "title" in e && "expiresOn" in e
      ? [`${String(e.title)} expires on ${dates(String(e.expiresOn))}`]
      : [],
  );
  return named.length > 0 ? named.join("; ") : "";
}

export const vettingEvidenceEvents = {
  VettingEvidenceRequested: eventSpec(
    stepRequestedData,
    (d) => {
      const expiring = expiringWords(d.details?.expiring, (day) => day);
      return `The partner was asked for vetting evidence (${count(d.details?.items)} of checklist ${String(d.details?.checklistVersion ?? "")})${d.reissued ? " again (a new link)" : ""}${expiring ? `: evidence expiring, asked again (${expiring})` : ""}`;
    },
    (d) => {
      const expiring = expiringWords(d.details?.expiring, calendarDateWords);
      return `Asked for the vetting checklist (${count(d.details?.items)})${expiring ? `: your evidence expires soon, asked for again (${expiring})` : ""}`;
    },
  ),
  VettingEvidenceSubmitted: eventSpec(
    stepDecidedData,
    (d) => `The partner sent vetting evidence for ${count(d.details?.items)} of the checklist`,
    (d) => `Vetting checklist sent (${count(d.details?.items)})`,
  ),
};
