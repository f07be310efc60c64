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

/**
 * Resumes callback tasks and starts nothing: what the functions that only resume get, so that their bundles
 * hold no StartExecution (and StepFunctionsStarter none of this).
 */
export class StepFunctionsResumer implements Workflow {
  constructor(private readonly sfn: SFNClient) {}

  start(_partnershipId: string): Promise<void> {
    return Promise.reject(new Error("This function resumes workflows and starts none"));
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

/** Starts onboarding executions of one state machine, and resumes nothing (submit-intake). */
export class StepFunctionsStarter implements Workflow {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(partnershipId: string): Promise<void> {
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

  resume(_taskToken: string, _output: Record<string, unknown>): Promise<void> {
    return Promise.reject(new Error("This function starts workflows and resumes none"));
  }
}
