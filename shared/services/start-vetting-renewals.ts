/**
 * The scheduled sweep that starts vetting renewals: each partnership whose waiver ended, or whose evidence
 * expires within the notice window (its "vetting-renewal" schedule, set when the vetting passed and at each
 * round's end), gets an execution of workflows/revetting, which asks the partner for those items and an officer
 * to review them. It also looks for evidence that lapsed (the "evidence-lapse" schedule: evidence-lapse.ts).
 */
import { addDays, todayIn } from "../domain/calendar-dates.ts";
import { isTerminal } from "../domain/lifecycle.ts";
import { errorName, log } from "../http/log.ts";
import type { DueSchedule } from "../ports/partnership-repository.ts";
import type { Needs } from "./dependencies.ts";
import { checkLapsedEvidence } from "./evidence-lapse.ts";

/** Schedules looked at per run, the earliest due first; more wait for the next run. */
export const RENEWAL_BATCH = 100;

export interface RenewalSweepReport {
  /** Renewals started (or found started by an earlier run). */
  started: number;
  /** Not active yet (still onboarding): due again tomorrow, and started once the partnership is active. */
  waiting: number;
  /** The partnership ended (or is gone): the schedule is removed. */
  dropped: number;
  /** Tried and failed: tried again at the next run. */
  failed: number;
  /** Due but not tried: the run was out of time. */
  deferred: number;
  /** Partnerships marked at risk because required evidence lapsed. */
  lapsed: number;
}

export async function startVettingRenewals(
  deps: Needs<"repository" | "clock" | "renewals" | "config" | "mailer">,
  options: { batch?: number; deadline?: number } = {},
): Promise<RenewalSweepReport> {
  const report: RenewalSweepReport = {
    started: 0,
    waiting: 0,
    dropped: 0,
    failed: 0,
    deferred: 0,
    lapsed: 0,
  };
  const today = todayIn(deps.clock.now(), deps.config.TIME_ZONE);
  const due = await deps.repository.listDueSchedules(today, options.batch ?? RENEWAL_BATCH);
  for (const schedule of due) {
    // Other kinds of schedule are other sweeps' work.
    if (schedule.kind !== "vetting-renewal" && schedule.kind !== "evidence-lapse") continue;
    if (options.deadline !== undefined && Date.now() >= options.deadline) {
      report.deferred++;
      continue;
    }
    if (schedule.kind === "evidence-lapse") {
      await lookForLapse(deps, schedule, report);
      continue;
    }
    try {
      const at = deps.clock.now().toISOString();
      const partnership = await deps.repository.getPartnership(schedule.partnershipId);
      if (!partnership || isTerminal(partnership.stage)) {
        await deps.repository.clearSchedule(schedule, at);
        report.dropped++;
      } else if (partnership.stage !== "ACTIVE") {
        // A waiver that ends before the agreement is signed: the renewal waits for the onboarding to end, so
        // that the two never ask the partner at once. Looked at again tomorrow, so that schedules that wait
        // never fill a run's batch ahead of those that can start.
        await deps.repository.setSchedule(schedule.partnershipId, schedule.kind, addDays(today, 1), at);
        report.waiting++;
      } else {
        // Started first, then cleared: a run cut short in between starts it again, which is a no-op.
        await deps.renewals.startRenewal(schedule.partnershipId, schedule.dueOn);
        await deps.repository.clearSchedule(schedule, at);
        report.started++;
      }
    } catch (error) {
      report.failed++;
      log("error", "vetting renewal not started", {
        partnershipId: schedule.partnershipId,
        dueOn: schedule.dueOn,
        error: errorName(error),
      });
    }
  }
  return report;
}

/** The "evidence-lapse" schedule: marks the partnership at risk once per lapse (see evidence-lapse.ts). */
async function lookForLapse(
  deps: Needs<"repository" | "clock" | "config" | "mailer">,
  schedule: DueSchedule,
  report: RenewalSweepReport,
): Promise<void> {
  try {
    const found = await checkLapsedEvidence(deps, schedule);
    if (found === "marked") report.lapsed++;
    if (found === "dropped") report.dropped++;
  } catch (error) {
    report.failed++;
    log("error", "lapsed evidence not checked", {
      partnershipId: schedule.partnershipId,
      dueOn: schedule.dueOn,
      error: errorName(error),
    });
  }
}
