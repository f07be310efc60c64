/**
 * The review schedules on EventBridge Scheduler: one one-time schedule per partnership (`review-<id>`, in the
 * stack's group), `at(<day>T09:00:00)` in the office's time zone, deleted once it has run; its target is Step
 * Functions' StartExecution (the universal target, so that the execution gets its deterministic name) on the
 * review state machine, with the role the stack made for it.
 */
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import { reviewExecutionName } from "../domain/review.ts";
import type { ReviewSchedules } from "../ports/review-schedules.ts";
import { reviewScheduleName } from "./scheduler-review-cancellation.ts";

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
    Name: reviewScheduleName(partnershipId),
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

export class SchedulerReviewSchedules implements ReviewSchedules {
  constructor(
    private readonly client: SchedulerClient,
    private readonly settings: SchedulerSettings,
  ) {}

  /** Moves the partnership's schedule, or creates it when it has none (one that ran was deleted). */
  async schedule(partnershipId: string, dueOn: string): Promise<void> {
    const input = reviewScheduleInput(this.settings, partnershipId, dueOn);
    try {
      await this.client.send(new UpdateScheduleCommand(input));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      try {
        await this.client.send(new CreateScheduleCommand(input));
      } catch (created) {
        // Created meanwhile by another attempt: set it as asked.
        if (!(created instanceof ConflictException)) throw created;
        await this.client.send(new UpdateScheduleCommand(input));
      }
    }
  }

  async cancel(partnershipId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteScheduleCommand({
          Name: reviewScheduleName(partnershipId),
          GroupName: this.settings.group,
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
