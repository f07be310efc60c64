/**
 * The removal of a partnership's pending review schedule on EventBridge Scheduler, alone: the functions that only
 * cancel (an ending, a review started now) bundle DeleteSchedule and nothing that makes a schedule.
 */
import {
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from "@aws-sdk/client-scheduler";
import type { ReviewCancellation } from "../ports/review-schedules.ts";

/** The schedule's name: the partnership's (at most 64 characters: `review-` and a 26-character id). */
export function reviewScheduleName(partnershipId: string): string {
  return `review-${partnershipId}`;
}

export class SchedulerReviewCancellation implements ReviewCancellation {
  constructor(
    private readonly client: SchedulerClient,
    private readonly group: string,
  ) {}

  async cancel(partnershipId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteScheduleCommand({ Name: reviewScheduleName(partnershipId), GroupName: this.group }),
      );
    } catch (error) {
      // Ran already (one-time schedules are deleted once they have run), or never set.
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
