/**
 * Who decides an officer's step: the office's officers, less those who declared a conflict of interest with
 * the partnership and those the step must not go to (segregation of duties); the office lead when no officer
 * is left. Read from the ledger, so that a reopened step (a conflict declared, a retry) chooses the same way.
 */
import type { LedgerEvent } from "./ledger.ts";

/** The outcome every officer's step offers: "I have a conflict of interest with this partner". */
export const CONFLICT_OUTCOME = "conflict";

export interface OfficeRoster {
  readonly officers: readonly string[];
  /** The office lead: decides when no officer may. */
  readonly lead?: string | undefined;
}

/** The address in an officer's actor name (`officer:<email>`), or undefined for any other actor. */
export function officerOf(actor: string): string | undefined {
  return actor.startsWith("officer:") ? actor.slice("officer:".length) : undefined;
}

/** The officers who declared a conflict of interest with this partnership, in any step. */
export function conflictedOfficers(events: readonly LedgerEvent[]): Set<string> {
  const conflicted = new Set<string>();
  for (const event of events) {
    const officer = officerOf(event.actor);
    if (officer && event.data.outcome === CONFLICT_OUTCOME) conflicted.add(officer);
  }
  return conflicted;
}

/**
 * The officer for a partnership's step: stable for the same partnership, spread across the officers who may
 * decide it; the lead when none may. Undefined when nobody may (the lead too is excluded, or there is none).
 */
export function officerFor(
  partnershipId: string,
  roster: OfficeRoster,
  exclude: ReadonlySet<string>,
): string | undefined {
  const allowed = roster.officers.filter((officer) => !exclude.has(officer));
  if (allowed.length === 0) return roster.lead && !exclude.has(roster.lead) ? roster.lead : undefined;
  let h = 0;
  for (const ch of partnershipId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return allowed[h % allowed.length];
}
