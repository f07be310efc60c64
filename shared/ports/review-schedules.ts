/**
 * The partnership's next periodic review, as one pending one-time schedule. On AWS an EventBridge Scheduler
 * one-time schedule (`at(...)`, deleted after it runs) that starts the review state machine (workflows/review)
 * directly; locally a schedule item in the table that the embedded runtime's scheduler fires (once, also when it
 * fell due while the process was down). At most one per partnership: setting it again moves it.
 */
export interface ReviewSchedules extends ReviewCancellation {
  /** Sets, or moves, the partnership's next review to start on `dueOn` (YYYY-MM-DD, the office's time zone). */
  schedule(partnershipId: string, dueOn: string): Promise<void>;
}

/**
 * Only the removal: what an ending and a review started now are given (their role may delete a schedule, never
 * make one or pass the scheduler's role).
 */
export interface ReviewCancellation {
  /** Removes the partnership's pending review, if it has one; a repeat is harmless. */
  cancel(partnershipId: string): Promise<void>;
}
