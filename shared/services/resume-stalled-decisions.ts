/**
 * The scheduled sweep over decisions made whose resume of the workflow was cut short: the deciding POST could
 * not reach Step Functions (and the officer did not try again), or crashed between closing the decision and
 * resuming. Without it the workflow would wait until its timeout and end EXPIRED, though the ledger shows the
 * decision.
 */
import { resumeIsOverdue } from "../domain/partnership.ts";
import { log } from "../http/log.ts";
import { finishResume } from "./decide.ts";
import type { Needs } from "./dependencies.ts";

/** Decisions looked at per run, the oldest first; more wait for the next run. */
export const SWEEP_BATCH = 50;

export interface SweepReport {
  /** Decisions whose resume was overdue. */
  overdue: number;
  resumed: number;
  /** The engine was no longer waiting for them (the step timed out, or an unnoted resume went through). */
  refused: number;
  /** Tried and failed (e.g. Step Functions unreachable): tried again at the next run. */
  failed: number;
}

export async function resumeStalledDecisions(
  deps: Needs<"repository" | "clock" | "workflow">,
  batch = SWEEP_BATCH,
): Promise<SweepReport> {
  const now = deps.clock.now();
  const report: SweepReport = { overdue: 0, resumed: 0, refused: 0, failed: 0 };
  for (const listed of await deps.repository.listUnresumedDecisions(batch)) {
    if (!resumeIsOverdue(listed, now)) continue;
    try {
      // The index may lag behind the table: the decision and its ledger are read again, consistently.
      const record = await deps.repository.getPartnershipRecord(listed.partnershipId);
      const decision = record?.decisions.find((d) => d.decisionId === listed.decisionId);
      if (!record || !decision || !resumeIsOverdue(decision, now)) continue;
      report.overdue++;
      report[await finishResume(deps, record, decision)]++;
    } catch (error) {
      report.failed++;
      log("warn", "could not finish the resume of a decision", {
        partnershipId: listed.partnershipId,
        decisionId: listed.decisionId,
        error: error instanceof Error ? error.name : "unknown",
      });
    }
  }
  return report;
}
