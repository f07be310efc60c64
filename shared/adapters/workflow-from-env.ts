/** The Step Functions workflow port for this container (the SDK reads AWS_ENDPOINT_URL_SFN itself). */
import { SFNClient } from "@aws-sdk/client-sfn";
import { appConfig } from "./from-env.ts";
import { StepFunctionsWorkflow } from "./sfn-workflow.ts";
import { unlogged } from "./unlogged-client.ts";

/**
 * `starts`: the function starts executions, so it must be given STATE_MACHINE_ARN (checked here, at init).
 * Resuming a task needs only its token: the functions that only resume are not given the ARN.
 */
export function workflowFromEnv(use: "starts" | "resumes"): StepFunctionsWorkflow {
  const arn = appConfig().STATE_MACHINE_ARN;
  if (use === "starts" && !arn)
    throw new Error("STATE_MACHINE_ARN is not set for a function that starts workflows");
  return new StepFunctionsWorkflow(unlogged(new SFNClient({})), arn);
}
