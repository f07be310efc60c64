/** The workflow ports (starter, resumer) on Step Functions (the local engine's compatible endpoint on one machine). */
import {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { reviewExecutionName } from "../domain/review.ts";
import {
  DecisionWindowClosedError,
  type RenewalStarter,
  type ReviewStarter,
  type TaskResumer,
  type WorkflowStarter,
  type WorkflowStopper,
} from "../ports/workflow.ts";

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

  start(partnershipId: string): Promise<void> {
    // The execution is named after the partnership: a retried start with the same input is a no-op.
    return startOnce(this.sfn, this.stateMachineArn, partnershipId, { partnershipId });
  }
}

/** Starts vetting renewals (the renewal sweep): one execution per partnership and round. */
export class StepFunctionsRenewalStarter implements RenewalStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  startRenewal(partnershipId: string, round: string): Promise<void> {
    return startOnce(this.sfn, this.stateMachineArn, `${partnershipId}-${round}`, {
      partnershipId,
      round,
      // Who reviews: as assigned; "escalated" once a review's time ran out (workflows/revetting).
      reviewer: "assigned",
    });
  }
}

/** Starts periodic reviews (start-review): one per partnership and round. */
export class StepFunctionsReviewStarter implements ReviewStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  startReview(partnershipId: string, round: string): Promise<void> {
    // The same name and input as the EventBridge schedule's (shared/adapters/scheduler-review-schedules.ts).
    return startOnce(this.sfn, this.stateMachineArn, reviewExecutionName(partnershipId, round), {
      partnershipId,
      round,
    });
  }
}

/**
 * Starts the named execution; one of that name already there (running, or ended within the 90 days Step
 * Functions keeps names) is this start made before, so nothing is started twice.
 */
export async function startOnce(
  sfn: SFNClient,
  stateMachineArn: string,
  name: string,
  input: object,
): Promise<void> {
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

/** The error a stopped execution ends with: the partnership ended, not a failure of the workflow. */
export const PARTNERSHIP_ENDED = "PartnershipEnded";

/**
 * The ARN of a state machine's execution of this name: `arn:…:stateMachine:<machine>` becomes
 * `arn:…:execution:<machine>:<name>`.
 */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}

/** Stops the executions of an ended partnership (withdrawal, termination): its onboarding, and those it names. */
export class StepFunctionsStopper implements WorkflowStopper {
  constructor(
    private readonly sfn: SFNClient,
    private readonly onboardingArn: string,
    /** The other workflows' state machines by name (`vetting-renewal`, `review`), where the function has them. */
    private readonly machines: Readonly<Record<string, string | undefined>> = {},
  ) {}

  executionOf(workflow: string, name: string): string | undefined {
    const machine =
      workflow === "onboarding"
        ? this.onboardingArn
        : Object.hasOwn(this.machines, workflow)
          ? this.machines[workflow]
          : undefined;
    return machine ? executionArnOf(machine, name) : undefined;
  }

  async stop(executionArn: string, cause: string): Promise<void> {
    try {
      // Stopping one that has ended already changes nothing (Step Functions answers with its stop date).
      await this.sfn.send(new StopExecutionCommand({ executionArn, error: PARTNERSHIP_ENDED, cause }));
    } catch (error) {
      if (!(error instanceof ExecutionDoesNotExist)) throw error;
    }
  }
}
