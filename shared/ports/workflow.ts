/**
 * The workflow engine as the handlers see it, as two ports: a function is given only the one it uses (its
 * role allows only that call, and its bundle holds only that SDK command).
 */

/** Starts a partnership's onboarding execution (submit-intake). */
export interface WorkflowStarter {
  /** Starts the onboarding execution named after the partnership; a repeat is harmless. */
  start(partnershipId: string): Promise<void>;
}

/** Starts a partnership's vetting renewal (workflows/revetting) for one round, named by the day it fell due. */
export interface RenewalStarter {
  /** Starts the renewal execution named after the partnership and the round; a repeat is harmless. */
  startRenewal(partnershipId: string, round: string): Promise<void>;
}

/** Starts a partnership's periodic review (workflows/review) for one round. */
export interface ReviewStarter {
  /** Starts the review execution named after the partnership and the round; a repeat is harmless. */
  startReview(partnershipId: string, round: string): Promise<void>;
}

/** Resumes a human step's callback task (the decision and resubmission POSTs, the resume sweep). */
export interface TaskResumer {
  /** Resumes the callback task; throws DecisionWindowClosedError when the task already timed out. */
  resume(taskToken: string, output: Record<string, unknown>): Promise<void>;
}

export class DecisionWindowClosedError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The workflow is no longer waiting for this decision", options);
    this.name = "DecisionWindowClosedError";
  }
}

/**
 * Stops the executions of a partnership that ended before its time (withdrawn, terminated): the onboarding (named
 * after the partnership), each execution an open decision was waiting in, and those the ledger names (a review
 * begun and not completed, a retry). The stop is a cause, not a failure: no failure step runs, and nothing more is
 * asked of anyone.
 */
export interface WorkflowStopper {
  /**
   * The execution of this name of a workflow's state machine (`onboarding`, `vetting-renewal`, `review`: the
   * names WorkflowFailed and WorkflowRetried record); undefined for a workflow this function was not given.
   */
  executionOf(workflow: string, name: string): string | undefined;
  /** Stops the execution; one that ended already, or never ran, is left as it is. */
  stop(executionArn: string, cause: string): Promise<void>;
}
