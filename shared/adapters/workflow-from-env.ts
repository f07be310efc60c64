/**
 * The Step Functions workflow port for this container (the SDK reads AWS_ENDPOINT_URL_SFN itself). Two
 * factories, so that a function that only resumes bundles no StartExecution.
 */
import { SFNClient } from "@aws-sdk/client-sfn";
import { appConfig } from "./from-env.ts";
import { StepFunctionsResumer, StepFunctionsStarter } from "./sfn-workflow.ts";
import { unlogged } from "./unlogged-client.ts";

/** For a function that starts executions: it must be given STATE_MACHINE_ARN (checked here, at init). */
export function startingWorkflowFromEnv(): StepFunctionsStarter {
  const arn = appConfig().STATE_MACHINE_ARN;
  if (!arn) throw new Error("STATE_MACHINE_ARN is not set for a function that starts workflows");
  return new StepFunctionsStarter(unlogged(new SFNClient({})), arn);
}

/** For a function that only resumes tasks: a task token is all it needs, and it is given no state machine. */
export function resumingWorkflowFromEnv(): StepFunctionsResumer {
  return new StepFunctionsResumer(unlogged(new SFNClient({})));
}
