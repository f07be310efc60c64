/**
 * Vetting evidence that expires (issue 13), read from the ledger: the evidence in force for each item (the
 * latest the office verified that carries an expiry date, until a waiver takes its place), the day the partner
 * is asked for it again (a notice window before it lapses), and the day it lapses (the day after its expiry
 * date: evidence is valid through that day). Declarations, and evidence without an expiry date, never expire.
 */
import { detailsOf, vettingReviewSchema, vettingSubmissionSchema } from "../schemas/step-details.ts";
import * as z from "../schemas/zod.ts";
import { addDays } from "./calendar-dates.ts";
import type { LedgerEvent } from "./ledger.ts";
import { VETTING_EVENTS } from "./vetting-state.ts";

/** An item's evidence in force, and the last day it is valid (YYYY-MM-DD). */
export interface ExpiringEvidence {
  readonly itemId: string;
  readonly expiresOn: string;
}

/** The step kind of the vetting renewal's request to the partner, whose event lists the items asked for. */
const RENEWAL_REQUEST_KIND = "vetting-renewal";

/** Why a partnership is marked at risk when evidence lapses (PartnershipAtRisk's reason). */
export const EVIDENCE_LAPSED = "evidence-lapsed";

const requestedItemsSchema = z.object({ items: z.array(z.string()) });
const lapsedSchema = z.object({
  reason: z.string(),
  items: z.optional(z.array(z.object({ itemId: z.string(), expiresOn: z.string() }))),
});

interface InForce extends ExpiringEvidence {
  /** A renewal round has asked the partner for this very evidence again since it was verified. */
  askedAgain: boolean;
}

const key = (e: ExpiringEvidence) => `${e.itemId}@${e.expiresOn}`;

/** The evidence in force with an expiry date, by item, and the lapses already marked at risk (by key). */
function fold(events: readonly LedgerEvent[]): { inForce: Map<string, InForce>; marked: Set<string> } {
  const given = new Map<string, string | undefined>();
  const inForce = new Map<string, InForce>();
  const marked = new Set<string>();
  for (const event of events) {
    if (event.type === VETTING_EVENTS.submitted) {
      for (const item of detailsOf(vettingSubmissionSchema, event.data)?.items ?? [])
        given.set(item.itemId, item.kind === "evidence" ? item.expiresOn : undefined);
    } else if (event.type === VETTING_EVENTS.reviewed) {
      for (const verdict of detailsOf(vettingReviewSchema, event.data)?.verdicts ?? []) {
        const expiresOn = given.get(verdict.itemId);
        if (verdict.verdict === "verified") {
          if (expiresOn === undefined) inForce.delete(verdict.itemId);
          else inForce.set(verdict.itemId, { itemId: verdict.itemId, expiresOn, askedAgain: false });
        } else if (verdict.verdict === "waived") {
          // The waiver's end is when the item is asked for again; the evidence before it is no longer relied on.
          inForce.delete(verdict.itemId);
        }
        // Rejected: the evidence verified before stays in force until it lapses.
      }
    } else if (event.type === VETTING_EVENTS.requested && event.data.kind === RENEWAL_REQUEST_KIND) {
      for (const itemId of detailsOf(requestedItemsSchema, event.data)?.items ?? []) {
        const held = inForce.get(itemId);
        if (held) held.askedAgain = true;
      }
    } else if (event.type === "PartnershipAtRisk") {
      const parsed = lapsedSchema.safeParse(event.data);
      if (parsed.success && parsed.data.reason === EVIDENCE_LAPSED)
        for (const item of parsed.data.items ?? []) marked.add(key(item));
    }
  }
  return { inForce, marked };
}

const byExpiry = (a: ExpiringEvidence, b: ExpiringEvidence) =>
  a.expiresOn.localeCompare(b.expiresOn) || a.itemId.localeCompare(b.itemId);

const plain = ({ itemId, expiresOn }: ExpiringEvidence): ExpiringEvidence => ({ itemId, expiresOn });

/** The evidence in force that expires, the soonest first. */
export function evidenceInForce(events: readonly LedgerEvent[]): ExpiringEvidence[] {
  return [...fold(events).inForce.values()].map(plain).sort(byExpiry);
}

/** The evidence in force that expires on or before `until` (YYYY-MM-DD): the items a renewal asks for again. */
export function evidenceExpiringBy(events: readonly LedgerEvent[], until: string): ExpiringEvidence[] {
  return evidenceInForce(events).filter((e) => e.expiresOn <= until);
}

/**
 * The day to ask the partner again for the evidence that expires soonest: `noticeDays` before it expires, and
 * never before tomorrow (`today` is the office's day). Evidence a renewal round has already asked for again is
 * left out (that round asked; if it is not renewed, it lapses): so a round that ends without it does not start
 * another. Undefined when no evidence in force expires.
 */
export function evidenceRenewalDueOn(
  events: readonly LedgerEvent[],
  noticeDays: number,
  today: string,
): string | undefined {
  const soonest = [...fold(events).inForce.values()].filter((e) => !e.askedAgain).sort(byExpiry)[0];
  if (!soonest) return undefined;
  const notice = addDays(soonest.expiresOn, -noticeDays);
  const tomorrow = addDays(today, 1);
  // Days as YYYY-MM-DD compare as strings.
  if (notice < tomorrow) return tomorrow;
  return notice;
}

/** The evidence in force whose lapse is not marked yet. */
function unmarked(events: readonly LedgerEvent[]): ExpiringEvidence[] {
  const { inForce, marked } = fold(events);
  return [...inForce.values()]
    .filter((e) => !marked.has(key(e)))
    .map(plain)
    .sort(byExpiry);
}

/**
 * The day to look for lapsed evidence: the day after the soonest expiry among the evidence in force whose lapse
 * is not marked yet (it may be past: the sweep then looks at its next run). Undefined when there is none.
 */
export function evidenceLapseDueOn(events: readonly LedgerEvent[]): string | undefined {
  const soonest = unmarked(events)[0];
  return soonest ? addDays(soonest.expiresOn, 1) : undefined;
}

/**
 * The evidence in force that has lapsed by `today` (its expiry date is over) and is not marked at risk yet: once
 * per lapse. Evidence renewed and verified since has a new expiry date, and is not among them.
 */
export function lapsedEvidence(events: readonly LedgerEvent[], today: string): ExpiringEvidence[] {
  return unmarked(events).filter((e) => e.expiresOn < today);
}

/** Whether the vetting has passed (the onboarding moved on from it): from then on, expiring evidence is renewed. */
export function vettingPassed(events: readonly LedgerEvent[]): boolean {
  return events.some((e) => e.type === "StageChanged" && e.data.outcome === "vetted");
}
