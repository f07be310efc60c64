/**
 * Where a partnership's vetting stands, read from its ledger: the checklist version it pinned, and for each
 * item that applies the partner's latest evidence and the officer's latest verdict. The partner's checklist
 * page, the officer's review page and the next request all read it.
 */
import {
  detailsOf,
  type ItemEvidence,
  type ItemVerdict,
  vettingReviewSchema,
  vettingSubmissionSchema,
} from "../schemas/step-details.ts";
import * as z from "../schemas/zod.ts";
import { addDays } from "./calendar-dates.ts";
import type { LedgerEvent } from "./ledger.ts";
import {
  applicableItems,
  type Checklist,
  type ChecklistAnswers,
  type ChecklistItem,
} from "./vetting-checklist.ts";

/** The ledger events the vetting steps record (their step folders declare them). */
export const VETTING_EVENTS = {
  requested: "VettingEvidenceRequested",
  submitted: "VettingEvidenceSubmitted",
  reviewed: "VettingReviewed",
} as const;

export type ItemStatus = "requested" | "submitted" | "verified" | "rejected" | "waived";

export interface ItemState {
  readonly item: ChecklistItem;
  readonly status: ItemStatus;
  /** The partner's latest evidence for it. */
  readonly evidence?: ItemEvidence | undefined;
  /** The officer's latest verdict on that evidence. */
  readonly verdict?: ItemVerdict | undefined;
  /** Who gave that verdict (an `officer:` actor). */
  readonly verdictBy?: string | undefined;
}

export interface VettingState {
  readonly checklistVersion: string | undefined;
  readonly items: readonly ItemState[];
}

const pinnedSchema = z.object({ checklistVersion: z.string() });

/** The checklist version the partnership's vetting pinned: the one its first request named. */
export function pinnedChecklistVersion(events: readonly LedgerEvent[]): string | undefined {
  for (const event of events)
    if (event.type === VETTING_EVENTS.requested) {
      const pinned = detailsOf(pinnedSchema, event.data);
      if (pinned) return pinned.checklistVersion;
    }
  return undefined;
}

/** Each item's latest evidence, and the officer's verdict on it (new evidence clears the verdict before it). */
function latestByItem(events: readonly LedgerEvent[]) {
  const evidence = new Map<string, ItemEvidence>();
  const verdicts = new Map<string, { verdict: ItemVerdict; by: string }>();
  for (const event of events) {
    if (event.type === VETTING_EVENTS.submitted) {
      for (const given of detailsOf(vettingSubmissionSchema, event.data)?.items ?? []) {
        evidence.set(given.itemId, given);
        // New evidence is for the officer to look at again.
        verdicts.delete(given.itemId);
      }
    } else if (event.type === VETTING_EVENTS.reviewed) {
      for (const verdict of detailsOf(vettingReviewSchema, event.data)?.verdicts ?? [])
        verdicts.set(verdict.itemId, { verdict, by: event.actor });
    }
  }
  return { evidence, verdicts };
}

export function vettingState(
  checklist: Checklist,
  answers: ChecklistAnswers,
  events: readonly LedgerEvent[],
): VettingState {
  const { evidence, verdicts } = latestByItem(events);
  const items = applicableItems(checklist, answers).map((item): ItemState => {
    const given = evidence.get(item.id);
    const judged = verdicts.get(item.id);
    const status: ItemStatus = judged ? judged.verdict.verdict : given ? "submitted" : "requested";
    return { item, status, evidence: given, verdict: judged?.verdict, verdictBy: judged?.by };
  });
  return { checklistVersion: checklist.version, items };
}

/**
 * The items the partner is asked for: those never answered, those the officer rejected, those whose waiver has
 * ended by `today` (YYYY-MM-DD), and, given `expiringBy` (once the vetting has passed: today and the notice
 * window), those whose verified evidence expires on or before that day.
 */
export function itemsToRequest(state: VettingState, today: string, expiringBy?: string): ItemState[] {
  return state.items.filter(
    (s) =>
      s.status === "requested" ||
      s.status === "rejected" ||
      (s.status === "waived" && (s.verdict?.waivedUntil ?? "") < today) ||
      (expiringBy !== undefined && s.status === "verified" && expiresBy(s, expiringBy)),
  );
}

/** Whether the item's evidence (not a declaration) has an expiry date on or before `day`. */
export function expiresBy(s: ItemState, day: string): boolean {
  return s.evidence?.kind === "evidence" && s.evidence.expiresOn !== undefined && s.evidence.expiresOn <= day;
}

/**
 * The day the vetting is to be renewed: the day after the earliest waiver in force ends (a waiver "until" a day
 * holds through that day, as itemsToRequest reads it). Undefined when no item is waived.
 */
export function vettingRenewalDueOn(events: readonly LedgerEvent[]): string | undefined {
  let earliest: string | undefined;
  for (const { until } of waiversInForce(events))
    if (earliest === undefined || until < earliest) earliest = until;
  return earliest === undefined ? undefined : addDays(earliest, 1);
}

/** A checklist item the office let wait: until when (YYYY-MM-DD, inclusive), and why. */
export interface Waiver {
  readonly itemId: string;
  readonly until: string;
  readonly reason: string;
}

/** The items whose latest verdict is a waiver (ended or not), in the order the ledger first met them. */
export function waiversInForce(events: readonly LedgerEvent[]): Waiver[] {
  const waivers: Waiver[] = [];
  for (const [itemId, { verdict }] of latestByItem(events).verdicts)
    if (verdict.verdict === "waived" && verdict.waivedUntil !== undefined)
      waivers.push({ itemId, until: verdict.waivedUntil, reason: verdict.reason ?? "" });
  return waivers;
}

/** The items waiting for the officer's verdict: answered since the last review. */
export function itemsToReview(state: VettingState): ItemState[] {
  return state.items.filter((s) => s.status === "submitted");
}

/**
 * The officers who verified the vetting, for segregation of duties: every one whose review verified or waived
 * an item, in any round, or let the vetting pass (`officer:` actors).
 */
export function vettingVerifiers(events: readonly LedgerEvent[]): Set<string> {
  const verifiers = new Set<string>();
  for (const event of events) {
    if (event.type !== VETTING_EVENTS.reviewed) continue;
    const verdicts = detailsOf(vettingReviewSchema, event.data)?.verdicts ?? [];
    if (
      event.data.outcome === "verify" ||
      verdicts.some((v) => v.verdict === "verified" || v.verdict === "waived")
    )
      verifiers.add(event.actor);
  }
  return verifiers;
}
