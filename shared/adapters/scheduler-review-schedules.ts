/**
 * The review schedules on EventBridge Scheduler: a one-time schedule per partnership and due day
 * (`review-<id>-<day>`, in the stack's group), `at(<day>T09:00:00)` in the office's time zone, deleted once it
 * has run; its target is Step Functions' StartExecution (the universal target, so that the execution gets its
 * deterministic name) on the review state machine, with the role the stack made for it. A new day is a new
 * schedule (CreateSchedule; the same name again is the same day, already set), and the day pending before is then
 * deleted, so that only one is ever live; no schedule is ever updated.
 */
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  type SchedulerClient,
} from "@aws-sdk/client-scheduler";
import { reviewExecutionName } from "../domain/review.ts";
import type { ReviewSchedules } from "../ports/review-schedules.ts";
import {
  deleteReviewSchedule,
  reviewScheduleName,
  SchedulerReviewCancellation,
} from "./scheduler-review-cancellation.ts";

export { reviewScheduleName } from "./scheduler-review-cancellation.ts";

export interface SchedulerSettings {
  readonly group: string;
  readonly roleArn: string;
  readonly stateMachineArn: string;
  readonly timeZone: string;
}

/** The universal target that calls Step Functions' StartExecution with the input given. */
export const START_EXECUTION_TARGET = "arn:aws:scheduler:::aws-sdk:sfn:startExecution";

/** The hour of the office's day a review starts. */
export const REVIEW_START_TIME = "T09:00:00";

/** The schedule that starts the partnership's review on `dueOn`. */
export function reviewScheduleInput(
  settings: SchedulerSettings,
  partnershipId: string,
  dueOn: string,
): CreateScheduleCommandInput {
  return {
    Name: reviewScheduleName(partnershipId, dueOn),
    GroupName: settings.group,
    ScheduleExpression: `at(${dueOn}${REVIEW_START_TIME})`,
    ScheduleExpressionTimezone: settings.timeZone,
    FlexibleTimeWindow: { Mode: "OFF" },
    ActionAfterCompletion: "DELETE",
    Description: "The partnership's next periodic review (workflows/review)",
    Target: {
      Arn: START_EXECUTION_TARGET,
      RoleArn: settings.roleArn,
      Input: JSON.stringify({
        StateMachineArn: settings.stateMachineArn,
        Name: reviewExecutionName(partnershipId, dueOn),
        Input: JSON.stringify({ partnershipId, round: dueOn }),
      }),
      RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
    },
  };
}

/** Sets the schedules; cancels them as the cancel-only adapter does. */
export class SchedulerReviewSchedules extends SchedulerReviewCancellation implements ReviewSchedules {
  constructor(
    private readonly scheduler: SchedulerClient,
    private readonly settings: SchedulerSettings,
  ) {
    super(scheduler, settings.group);
  }

  /** Creates the day's schedule (already there: set already), then deletes the one it replaces. */
  async schedule(partnershipId: string, dueOn: string, replacing?: string | undefined): Promise<void> {
    try {
      await this.scheduler.send(
        new CreateScheduleCommand(reviewScheduleInput(this.settings, partnershipId, dueOn)),
      );
    } catch (error) {
      // The same name is the same day: an earlier attempt set it.
      if (!(error instanceof ConflictException)) throw error;
    }
    if (replacing && replacing !== dueOn)
      await deleteReviewSchedule(this.scheduler, this.settings.group, partnershipId, replacing);
  }
}
