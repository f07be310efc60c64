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

/**
 * The name of the partnership's review schedule for `dueOn`: one per due day, so that a review set for the next
 * day is a new schedule, never an update of the one that just ran (whose deletion after completion could land
 * after the update and take it away). At most 64 characters: `review-`, a 26-character id, `-` and the day (44).
 */
export function reviewScheduleName(partnershipId: string, dueOn: string): string {
  return `review-${partnershipId}-${dueOn}`;
}

/** Deletes the partnership's schedule of `dueOn` from the group; one already gone (it ran, or never was) is no error. */
export async function deleteReviewSchedule(
  client: SchedulerClient,
  group: string,
  partnershipId: string,
  dueOn: string,
): Promise<void> {
  try {
    await client.send(
      new DeleteScheduleCommand({ Name: reviewScheduleName(partnershipId, dueOn), GroupName: group }),
    );
  } catch (error) {
    // Ran already (one-time schedules are deleted once they have run), or never set.
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}

export class SchedulerReviewCancellation implements ReviewCancellation {
  constructor(
    private readonly client: SchedulerClient,
    private readonly group: string,
  ) {}

  async cancel(partnershipId: string, dueOn: string | undefined): Promise<void> {
    if (dueOn) await deleteReviewSchedule(this.client, this.group, partnershipId, dueOn);
  }
}
