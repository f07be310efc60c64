/**
 * The periodic review's schedules (ports/review-schedules.ts) as the functions that end a partnership see them
 * until the review's own adapters (workflows/review: EventBridge Scheduler on AWS, the table locally) are in:
 * nothing schedules a review yet, so there is none to cancel. Whoever brings those adapters in replaces this
 * with them (functions/withdraw-partnership, functions/terminate-partnership).
 */
import type { ReviewSchedules } from "../ports/review-schedules.ts";

export const noReviewSchedules: ReviewSchedules = {
  async schedule() {
    throw new Error("No periodic review can be scheduled here");
  },
  async cancel() {
    // No review was ever scheduled: nothing to cancel.
  },
};
