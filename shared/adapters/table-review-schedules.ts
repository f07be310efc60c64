/**
 * The review schedules as items of the table (the partnership's `SCHEDULE#review`, in the due-schedules index),
 * which the embedded runtime's scheduler fires (infra/local/review-scheduler.ts): the local stand-in for
 * EventBridge Scheduler's one-time schedules, and the tests'.
 */
import type { Clock } from "../ports/clock.ts";
import type { PartnershipRepository } from "../ports/partnership-repository.ts";
import type { ReviewSchedules } from "../ports/review-schedules.ts";

export class TableReviewSchedules implements ReviewSchedules {
  constructor(
    private readonly repository: Pick<PartnershipRepository, "setSchedule">,
    private readonly clock: Clock,
  ) {}

  /** Moves the partnership's one schedule item to `dueOn`: the day it replaces goes with it. */
  schedule(partnershipId: string, dueOn: string): Promise<void> {
    return this.repository.setSchedule(partnershipId, "review", dueOn, this.clock.now().toISOString());
  }

  /** Removes the partnership's one schedule item, whatever its day. */
  cancel(partnershipId: string): Promise<void> {
    return this.repository.setSchedule(partnershipId, "review", undefined, this.clock.now().toISOString());
  }
}
