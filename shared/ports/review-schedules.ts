/**
 * The partnership's next periodic review, as one pending one-time schedule. On AWS an EventBridge Scheduler
 * one-time schedule per due day (`at(...)`, deleted after it runs) that starts the review state machine
 * (workflows/review) directly; locally a schedule item in the table that the embedded runtime's scheduler fires
 * (once, also when it fell due while the process was down). At most one is live per partnership: setting a new
 * day removes the one pending before.
 *
 * The day pending is the one the ledger records (the latest `ScheduleSet` of kind `review`): the callers read
 * it there and pass it, since a schedule is named by its day.
 */
export interface ReviewSchedules extends ReviewCancellation {
  /**
   * Sets the partnership's review to start on `dueOn` (YYYY-MM-DD, the office's time zone); setting the same day
   * again is harmless. `replacing`: the day of the review pending before, removed once the new one is set.
   */
  schedule(partnershipId: string, dueOn: string, replacing?: string | undefined): Promise<void>;
}

/**
 * Only the removal: what an ending and a review started now are given (their role may delete a schedule, never
 * make one or pass the scheduler's role).
 */
export interface ReviewCancellation {
  /**
   * Removes the partnership's pending review of `dueOn` (the day the ledger records as pending; undefined when
   * none is); one that ran already or is gone is no error, and a repeat is harmless.
   */
  cancel(partnershipId: string, dueOn: string | undefined): Promise<void>;
}
