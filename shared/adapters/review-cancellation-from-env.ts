/**
 * The removal of review schedules for a function that only cancels them: EventBridge Scheduler on AWS (the
 * stack gives the group), the table's items locally (REVIEW_SCHEDULES=table).
 */
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { systemClock } from "../ports/clock.ts";
import type { PartnershipRepository } from "../ports/partnership-repository.ts";
import type { ReviewCancellation } from "../ports/review-schedules.ts";
import { appConfig } from "./from-env.ts";
import { SchedulerReviewCancellation } from "./scheduler-review-cancellation.ts";
import { TableReviewSchedules } from "./table-review-schedules.ts";
import { unlogged } from "./unlogged-client.ts";

export function reviewCancellationFromEnv(
  repository: Pick<PartnershipRepository, "setSchedule">,
): ReviewCancellation {
  const config = appConfig();
  if (config.REVIEW_SCHEDULES === "table") return new TableReviewSchedules(repository, systemClock);
  const group = config.REVIEW_SCHEDULE_GROUP;
  if (!group) throw new Error("REVIEW_SCHEDULE_GROUP is not set for a function that cancels reviews");
  return new SchedulerReviewCancellation(unlogged(new SchedulerClient({})), group);
}
