/** The workflow ports (starter, resumer) on Step Functions (the local engine's compatible endpoint on one machine). */
import {
  ExecutionAlreadyExists,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { DecisionWindowClosedError, type TaskResumer, type WorkflowStarter } from "../ports/workflow.ts";

/** Resumes callback tasks; its bundle holds no StartExecution (and StepFunctionsStarter's no SendTaskSuccess). */
export class StepFunctionsResumer implements TaskResumer {
  constructor(private readonly sfn: SFNClient) {}

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

/** Starts onboarding executions of one state machine (submit-intake). */
export class StepFunctionsStarter implements WorkflowStarter {
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
}
