/** Starts a new execution of a failed workflow, resuming at the state that failed (services/retry-workflow.ts). */
export interface WorkflowRetrier {
  /**
   * Starts execution `name` of `workflow`'s state machine (shared/domain/workflow-asl.ts names them) with
   * `input`; one of that name already there is this start made before, so nothing is started twice. Throws
   * UnknownWorkflowError for a workflow this container cannot start.
   */
  restart(workflow: string, name: string, input: Record<string, unknown>): Promise<void>;
}

export class UnknownWorkflowError extends Error {
  constructor(workflow: string) {
    super(`No state machine of the workflow "${workflow}" is configured here`);
    this.name = "UnknownWorkflowError";
  }
}
