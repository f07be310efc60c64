/**
 * The retry's port on Step Functions: each workflow's state machine by the variable its ARN is given in (the
 * function's `start-execution` and `start-renewal` grants set them; and `start-review`, the periodic review's).
 */
import { SFNClient } from "@aws-sdk/client-sfn";
import { UnknownWorkflowError, type WorkflowRetrier } from "../ports/workflow-retrier.ts";
import { appConfig } from "./from-env.ts";
import { startOnce } from "./sfn-workflow.ts";
import { unlogged } from "./unlogged-client.ts";

/** Starts the named execution of the workflow's state machine; a repeat is harmless. */
export class StepFunctionsRetrier implements WorkflowRetrier {
  constructor(
    private readonly sfn: SFNClient,
    private readonly machines: Readonly<Record<string, string | undefined>>,
  ) {}

  restart(workflow: string, name: string, input: Record<string, unknown>): Promise<void> {
    const arn = Object.hasOwn(this.machines, workflow) ? this.machines[workflow] : undefined;
    if (!arn) throw new UnknownWorkflowError(workflow);
    return startOnce(this.sfn, arn, name, input);
  }
}

export function retrierFromEnv(): StepFunctionsRetrier {
  const config = appConfig();
  return new StepFunctionsRetrier(unlogged(new SFNClient({})), {
    onboarding: config.STATE_MACHINE_ARN,
    "vetting-renewal": config.REVETTING_STATE_MACHINE_ARN,
    review: config.REVIEW_STATE_MACHINE_ARN,
  });
}
