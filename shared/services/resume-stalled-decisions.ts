/**
 * The scheduled sweep over decisions made whose resume of the workflow was cut short: the deciding POST could
 * not reach Step Functions (and the officer did not try again), or crashed between closing the decision and
 * resuming. Without it the workflow would wait until its timeout and end EXPIRED, though the ledger shows the
 * decision.
 */
import { type Decision, resumeIsOverdue } from "../domain/partnership.ts";
import { errorName, log } from "../http/log.ts";
import type { PartnershipRecord } from "../ports/partnership-repository.ts";
import { STEPS } from "../steps/index.ts";
import { finishResume, readOverdueDecision, recordDecision } from "./decide.ts";
import type { Needs } from "./dependencies.ts";

/** Decisions looked at per run, the oldest first; more wait for the next run. */
export const SWEEP_BATCH = 50;

export interface SweepReport {
  /** Decisions whose resume was overdue and that were tried. */
  overdue: number;
  resumed: number;
  /** The workflow was no longer waiting: the step timed out (or an unnoted resume had gone through). */
  windowClosed: number;
  /** Tried and failed (e.g. Step Functions unreachable): tried again at the next run. */
  failed: number;
  /** Overdue but not tried: the run was out of time. Tried at the next run. */
  deferred: number;
}

export interface SweepOptions {
  batch?: number;
  /** When to stop trying more decisions (epoch ms), so that the run ends, and reports, before its timeout. */
  deadline?: number;
}

export async function resumeStalledDecisions(
  deps: Needs<"repository" | "clock" | "resumer">,
  options: SweepOptions = {},
): Promise<SweepReport> {
  const report: SweepReport = { overdue: 0, resumed: 0, windowClosed: 0, failed: 0, deferred: 0 };
  const listed = await deps.repository.listUnresumedDecisions(options.batch ?? SWEEP_BATCH);
  for (const entry of listed) {
    const now = deps.clock.now();
    if (!resumeIsOverdue(entry, now)) continue;
    if (options.deadline !== undefined && now.getTime() >= options.deadline) {
      report.deferred++;
      continue;
    }
    try {
      // The index may lag behind the table: the decision and its ledger are read again, consistently.
      const found = await readOverdueDecision(deps, entry.partnershipId, entry.decisionId, now);
      if (!found) continue;
      const { record, decision } = found;
      report.overdue++;
      // Past its expiry the step has timed out, so nothing waits for it: recorded (what was sent in time is
      // kept) and noted without asking the engine. This also ends the retries of a decision that keeps failing
      // (within the decision's window, ~a week).
      if (Date.parse(decision.expiresAt) <= now.getTime()) {
        await recordOrGiveUp(deps, record, decision, now);
        await deps.repository.noteResumeEnded(decision, "window-closed", now.toISOString());
        report.windowClosed++;
      } else if ((await finishResume(deps, record, decision, STEPS)) === "resumed") report.resumed++;
      else report.windowClosed++;
    } catch (error) {
      report.failed++;
      log("warn", "could not finish the resume of a decision", {
        partnershipId: entry.partnershipId,
        decisionId: entry.decisionId,
        error: errorName(error),
      });
    }
  }
  return report;
}

/** How long after its first failure the sweep keeps trying to record a decision past its expiry. */
export const GIVE_UP_RECORDING_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Records a decision past its expiry. A failure is noted (recordFailedAt) and tried again at the next runs,
 * for a day from the first one; after that the decision is let go with an error line (the alarm on them
 * fires), so that one that cannot be recorded does not hold a place in every run's batch for ever. It keeps
 * recordFailedAt, so it can be found.
 */
async function recordOrGiveUp(
  deps: Needs<"repository">,
  record: PartnershipRecord,
  decision: Decision,
  now: Date,
): Promise<void> {
  try {
    await recordDecision(deps, record, decision, STEPS);
  } catch (error) {
    const firstFailure = decision.recordFailedAt;
    if (firstFailure === undefined) {
      await deps.repository.noteRecordFailed(decision, now.toISOString()).catch(() => undefined);
      throw error;
    }
    if (now.getTime() - Date.parse(firstFailure) < GIVE_UP_RECORDING_AFTER_MS) throw error;
    log("error", "gave up recording a decision past its expiry", {
      partnershipId: decision.partnershipId,
      decisionId: decision.decisionId,
      error: errorName(error),
    });
  }
}
