/**
 * The review schedules for this container: EventBridge Scheduler on AWS (the stack gives the group, the role and
 * the review state machine), the table's items locally (REVIEW_SCHEDULES=table, which the embedded runtime sets;
 * its scheduler fires them).
 */
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { systemClock } from "../ports/clock.ts";
import type { PartnershipRepository } from "../ports/partnership-repository.ts";
import type { ReviewSchedules } from "../ports/review-schedules.ts";
import { appConfig } from "./from-env.ts";
import { SchedulerReviewSchedules } from "./scheduler-review-schedules.ts";
import { TableReviewSchedules } from "./table-review-schedules.ts";
import { unlogged } from "./unlogged-client.ts";

export function reviewSchedulesFromEnv(
  repository: Pick<PartnershipRepository, "setSchedule">,
): ReviewSchedules {
  const config = appConfig();
  if (config.REVIEW_SCHEDULES === "table") return new TableReviewSchedules(repository, systemClock);
  const group = config.REVIEW_SCHEDULE_GROUP;
  const roleArn = config.REVIEW_SCHEDULER_ROLE_ARN;
  const stateMachineArn = config.REVIEW_STATE_MACHINE_ARN;
  if (!group || !roleArn || !stateMachineArn)
    throw new Error(
      "REVIEW_SCHEDULE_GROUP, REVIEW_SCHEDULER_ROLE_ARN and REVIEW_STATE_MACHINE_ARN are not set for a function that schedules reviews",
    );
  return new SchedulerReviewSchedules(unlogged(new SchedulerClient({})), {
    group,
    roleArn,
    stateMachineArn,
    timeZone: config.TIME_ZONE,
  });
}
