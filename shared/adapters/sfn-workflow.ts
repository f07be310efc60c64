/** Workflow port on Step Functions (the local engine's compatible endpoint on one machine). */
import {
  ExecutionAlreadyExists,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { DecisionWindowClosedError, type Workflow } from "../ports/workflow.ts";

export class StepFunctionsWorkflow implements Workflow {
  constructor(
    private readonly sfn: SFNClient,
    /** Needed to start executions only; a function that only resumes tasks is not given it. */
    private readonly stateMachineArn: string | undefined,
  ) {}

  async start(partnershipId: string): Promise<void> {
    if (!this.stateMachineArn) throw new Error("No state machine to start: STATE_MACHINE_ARN is not set");
    try {
      // The execution is named after the partnership: a retried start with the same input is a no-op.
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: partnershipId,
          input: JSON.stringify({ partnershipId }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }

  async resume(taskToken: string, output: Record<string, unknown>): Promise<void> {
    try {
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    } catch (error) {
      if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist) {
        throw new DecisionWindowClosedError({ cause: error });
      }
      throw error;
    }
  }
}
