/**
 * The scheduled sweep over intakes whose request was cut short (killed, or timed out) after the partnership
 * was stored: left at SUBMITTED with the acknowledgement not sent (its claim held by the dead request), or
 * with no workflow started, or its ledger not begun (the request died between storing the partnership and
 * recording it). It begins the ledger with the intake as stored (IntakeSubmitted, at the time it was submitted,
 * as submit-intake writes it; a ledger begun already is left as it is), sends the acknowledgement, with a new
 * status link, and then starts the workflow, as the request would have; the partner need not send the intake
 * again.
 */
import { type Partnership, STALLED_AFTER_MS } from "../domain/partnership.ts";
import { errorName, log } from "../http/log.ts";
import {
  INTAKE_SWEEP_FAILED_MARKER,
  INTAKE_SWEEP_GAVE_UP_MARKER,
  WORKFLOW_STARTED_MARKER,
} from "../ports/partnership-repository.ts";
import { acknowledgeIntake, issueStatusLink } from "./acknowledge-intake.ts";
import type { Needs } from "./dependencies.ts";
import { intakeSubmitted } from "./intake-submitted.ts";

/** Intakes looked at per run, the oldest first; more wait for the next run. */
export const INTAKE_SWEEP_BATCH = 25;

/**
 * How far back the sweep looks. An intake older than this was left by a sweep that failed for a week (its
 * alarms firing all along), and is left to the office: Step Functions frees an execution's name 90 days after
 * it ended, and a partnership whose workflow ran and failed long ago must not be started anew.
 */
export const INTAKE_SWEEP_WINDOW_MS = 7 * 86_400_000;

export interface IntakeSweepReport {
  /** Intakes at SUBMITTED past the minute a request may take, that were tried. */
  stalled: number;
  /** Acknowledgements sent (each with a new status link). */
  acknowledged: number;
  /** Workflows started (a start of one already started does nothing). */
  started: number;
  /** Left for the next run: another request or run had just taken on its acknowledgement. */
  busy: number;
  /** Tried and failed (e.g. SES or Step Functions unreachable): tried again at the next run. */
  failed: number;
  /** Not tried: the run was out of time. Tried at the next run. */
  deferred: number;
}

export interface IntakeSweepOptions {
  batch?: number;
  /** When to stop trying more intakes (epoch ms), so that the run ends, and reports, before its timeout. */
  deadline?: number;
}

export async function finishStalledIntakes(
  deps: Needs<"repository" | "clock" | "config" | "mailer" | "starter">,
  options: IntakeSweepOptions = {},
): Promise<IntakeSweepReport> {
  const report: IntakeSweepReport = {
    stalled: 0,
    acknowledged: 0,
    started: 0,
    busy: 0,
    failed: 0,
    deferred: 0,
  };
  const { repository, clock } = deps;
  const listedAt = clock.now().getTime();
  // Past the minute: a request still running (a function runs for 10 s at most) is left to finish its own.
  const listed = await repository.listStalledIntakes(
    new Date(listedAt - INTAKE_SWEEP_WINDOW_MS).toISOString(),
    new Date(listedAt - STALLED_AFTER_MS).toISOString(),
    options.batch ?? INTAKE_SWEEP_BATCH,
  );
  for (const entry of listed) {
    const now = clock.now();
    if (options.deadline !== undefined && now.getTime() >= options.deadline) {
      report.deferred++;
      continue;
    }
    try {
      // The index may lag behind the table: the partnership is read again, consistently.
      const p = await repository.getPartnership(entry.id);
      if (p?.stage !== "SUBMITTED") continue;
      report.stalled++;
      // First, so that the acknowledgement's EmailSent is never the ledger's first event.
      await repository.beginLedger(intakeSubmitted(p.id, p.intake, p.submittedAt));
      if (p.acknowledgedAt === undefined) {
        const sent = await acknowledgeIntake(
          deps,
          { id: p.id, organisationName: p.organisationName, contactEmail: p.intake.contact.email },
          () => issueStatusLink(deps, p.id, now),
          now,
        );
        // Another request or run is sending it: the workflow waits for it, as submit-intake's does.
        if (!sent) {
          report.busy++;
          continue;
        }
        report.acknowledged++;
      }
      await deps.starter.start(p.id);
      await repository.markOnce(p.id, WORKFLOW_STARTED_MARKER, now.toISOString());
      report.started++;
    } catch (error) {
      report.failed++;
      log("warn", "could not finish a stalled intake", { partnershipId: entry.id, error: errorName(error) });
      await giveUpIfFailingLong(deps, entry, now, error);
    }
  }
  return report;
}

/** How long after its first failure the sweep keeps trying to finish an intake. */
export const GIVE_UP_INTAKE_AFTER_MS = 60 * 60 * 1000;

/**
 * An intake that fails at every run (SES refusing its address, say) would stay first in every run's list and
 * could use up each run's time. Its first failure is noted; an hour later it is given up, with an error line
 * (the alarm fires), and listed no more, so that it cannot hold up the intakes behind it. Best effort.
 */
async function giveUpIfFailingLong(
  deps: Needs<"repository">,
  entry: Partnership,
  now: Date,
  error: unknown,
): Promise<void> {
  const at = now.toISOString();
  const first = entry.intakeSweepFailedAt;
  try {
    if (first === undefined) await deps.repository.markOnce(entry.id, INTAKE_SWEEP_FAILED_MARKER, at);
    else if (now.getTime() - Date.parse(first) >= GIVE_UP_INTAKE_AFTER_MS) {
      await deps.repository.markOnce(entry.id, INTAKE_SWEEP_GAVE_UP_MARKER, at);
      log("error", "gave up finishing a stalled intake", {
        partnershipId: entry.id,
        error: errorName(error),
      });
    }
  } catch {
    // Noted at the next failure instead.
  }
}
