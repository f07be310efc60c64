/**
 * Fires the review schedules that are due, where they are items of the table (the embedded runtime; on AWS
 * EventBridge Scheduler fires its own): each partnership's review execution is started, named by the day it fell
 * due, and only then is the schedule cleared. A run cut short in between starts it again, which the name makes a
 * no-op; a schedule that fell due while nothing ran fires at the next run, once.
 */
import { todayIn } from "../domain/calendar-dates.ts";
import { errorName, log } from "../http/log.ts";
import type { ReviewStarter } from "../ports/workflow.ts";
import type { Needs } from "./dependencies.ts";

/** Schedules looked at per run, the earliest due first; more wait for the next run. */
export const REVIEW_BATCH = 100;

export interface DueReviewsReport {
  started: number;
  failed: number;
}

export async function startDueReviews(
  deps: Needs<"repository" | "clock"> & {
    readonly config: Pick<Needs<"config">["config"], "TIME_ZONE">;
    readonly reviews: ReviewStarter;
  },
  batch = REVIEW_BATCH,
): Promise<DueReviewsReport> {
  const report: DueReviewsReport = { started: 0, failed: 0 };
  const today = todayIn(deps.clock.now(), deps.config.TIME_ZONE);
  const due = await deps.repository.listDueSchedules(today, batch);
  for (const schedule of due) {
    if (schedule.kind !== "review") continue;
    try {
      // The review's first state leaves a partnership that is not active as it is.
      await deps.reviews.startReview(schedule.partnershipId, schedule.dueOn);
      await deps.repository.clearSchedule(schedule, deps.clock.now().toISOString());
      report.started++;
    } catch (error) {
      report.failed++;
      log("error", "review not started", {
        partnershipId: schedule.partnershipId,
        dueOn: schedule.dueOn,
        error: errorName(error),
      });
    }
  }
  return report;
}
