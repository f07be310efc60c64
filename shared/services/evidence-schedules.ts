/**
 * The vetting's schedules once it has passed (issue 13's expiring evidence): the vetting renewal, due the day
 * after the earliest waiver in force ends or `EVIDENCE_RENEWAL_NOTICE_DAYS` before the evidence that expires
 * soonest does, whichever comes first (one round asks for both kinds of items), and the look for lapsed evidence,
 * due the day after that evidence expires. Each change of either is recorded in the ledger (ScheduleSet), once
 * however often the step is retried. (The sweep's putting off of a renewal while the onboarding goes on is not
 * recorded: that is the sweep's bookkeeping, not a new schedule.)
 */
import { todayIn } from "../domain/calendar-dates.ts";
import { evidenceLapseDueOn, evidenceRenewalDueOn } from "../domain/evidence-expiry.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import { vettingRenewalDueOn } from "../domain/vetting-state.ts";
import { eventDraft } from "../events/draft.ts";
import type { ScheduleKind } from "../ports/partnership-repository.ts";
import type { Needs } from "./dependencies.ts";

/** The earlier of two days (YYYY-MM-DD), either of which may be missing. */
function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

/** The day the vetting renewal falls due: a waiver's end, or an expiring evidence's notice, the earlier. */
export function renewalDueOn(
  events: readonly LedgerEvent[],
  noticeDays: number,
  today: string,
): string | undefined {
  return earlier(vettingRenewalDueOn(events), evidenceRenewalDueOn(events, noticeDays, today));
}

/** Who sets a schedule: the workflow's state (record-outcome), or the sweep (no state). */
export interface ScheduleOrigin {
  readonly actor: string;
  readonly step?: string | undefined;
}

/**
 * Sets (or, undefined, removes) the partnership's schedule of this kind, and records it (ScheduleSet) unless
 * the ledger's latest record of that kind already says so: a retried step appends none.
 */
export async function setRecordedSchedule(
  deps: Needs<"repository" | "clock">,
  id: string,
  kind: ScheduleKind,
  dueOn: string | undefined,
  events: readonly LedgerEvent[],
  origin: ScheduleOrigin,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.repository.setSchedule(id, kind, dueOn, at);
  const recorded = events.findLast((e) => e.type === "ScheduleSet" && e.data.kind === kind);
  if ((recorded?.data.dueOn ?? null) === (dueOn ?? null)) return;
  await deps.repository.appendEvent(
    eventDraft(
      "ScheduleSet",
      { partnershipId: id, at, actor: origin.actor, ...(origin.step ? { step: origin.step } : {}) },
      { kind, dueOn: dueOn ?? null },
    ),
  );
}

/**
 * Schedules the vetting's renewal and the look for lapsed evidence from the ledger as it stands (`events`): when
 * the vetting passes, and at each renewal round's end. Idempotent.
 */
export async function scheduleVettingRenewals(
  deps: Needs<"repository" | "clock" | "config">,
  id: string,
  events: readonly LedgerEvent[],
  step: string,
): Promise<void> {
  const today = todayIn(deps.clock.now(), deps.config.TIME_ZONE);
  const renewal = renewalDueOn(events, deps.config.EVIDENCE_RENEWAL_NOTICE_DAYS, today);
  const origin = { actor: "system:workflow", step };
  await setRecordedSchedule(deps, id, "vetting-renewal", renewal, events, origin);
  await setRecordedSchedule(deps, id, "evidence-lapse", evidenceLapseDueOn(events), events, origin);
}
