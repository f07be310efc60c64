/** The ledger events of the officer's review of the vetting checklist. */
import { CURRENT_CHECKLIST } from "../../config/vetting-checklist.ts";
import { calendarDateWords } from "../../domain/calendar-dates.ts";
import { itemTitle } from "../../domain/vetting-checklist.ts";
import { eventSpec } from "../../events/define.ts";
import { stepDecidedData, stepRequestedData } from "../../events/step-events.ts";
import type { VettingReviewOutcome } from "./schema.ts";

const verdicts = (details: Record<string, unknown> | undefined) =>
  Array.isArray(details?.verdicts) ? (details.verdicts as { verdict?: unknown }[]) : [];
const tally = (details: Record<string, unknown> | undefined) => {
  const all = verdicts(details);
  const n = (v: string) => all.filter((x) => x.verdict === v).length;
  return `${n("verified")} verified, ${n("rejected")} asked for again, ${n("waived")} waived`;
};

/** An item's title (the current checklist's; its id in words for one it no longer has). */
const titleOf = (itemId: string) => itemTitle(CURRENT_CHECKLIST, itemId);

/** The items waived, with their reasons and their ends, in the partner's words. */
const waivers = (details: Record<string, unknown> | undefined) =>
  (verdicts(details) as { verdict?: unknown; itemId?: unknown; reason?: unknown; waivedUntil?: unknown }[])
    .filter((v) => v.verdict === "waived")
    .map(
      (v) =>
        `${titleOf(String(v.itemId))} is waived until ${calendarDateWords(String(v.waivedUntil))} (“${String(v.reason)}”): please give it by then.`,
    );

const FOR_PARTNER: Record<VettingReviewOutcome, string> = {
  verify: "Vetting checklist verified",
  "request-items": "Some checklist items were asked for again",
  decline: "Declined after vetting",
};

export const vettingReviewEvents = {
  VettingReviewRequested: eventSpec(
    stepRequestedData,
    (d) =>
      `An officer's review of the vetting evidence was requested${d.reissued ? " again (a new link)" : ""}`,
  ),
  VettingReviewed: eventSpec(
    stepDecidedData,
    (d) =>
      d.outcome === "conflict"
        ? "The officer declared a conflict of interest; the review went to another officer"
        : `The officer reviewed the vetting evidence: ${tally(d.details)} (${d.outcome})${d.comment ? ` “${d.comment}”` : ""}`,
    (d) => {
      if (!Object.hasOwn(FOR_PARTNER, d.outcome)) return undefined;
      // The renewal's second button marks the partnership at risk, which PartnershipAtRisk tells the partner.
      if (d.kind === "vetting-renewal-review" && d.outcome === "decline") return undefined;
      const waived = waivers(d.details);
      // A waiver is a conditional start: the partner is told what it is, why, and until when.
      return [
        `${FOR_PARTNER[d.outcome as VettingReviewOutcome]}.`,
        ...waived,
        ...(d.comment ? [`The officer's comment: “${d.comment}”`] : []),
      ].join(" ");
    },
  ),
};
