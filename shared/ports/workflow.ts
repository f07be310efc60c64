/** The workflow engine as the handlers see it: start an onboarding, resume a human step. */
export interface Workflow {
  /** Starts the onboarding execution named after the partnership; a repeat is harmless. */
  start(partnershipId: string): Promise<void>;
  /** Resumes the callback task; throws DecisionWindowClosedError when the task already timed out. */
  resume(taskToken: string, output: Record<string, unknown>): Promise<void>;
}

export class DecisionWindowClosedError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The workflow is no longer waiting for this decision", options);
    this.name = "DecisionWindowClosedError";
  }
}
