/** The Step Functions workflow port for this container (the SDK reads AWS_ENDPOINT_URL_SFN itself). */
import { SFNClient } from "@aws-sdk/client-sfn";
import { appConfig } from "./from-env.ts";
import { StepFunctionsWorkflow } from "./sfn-workflow.ts";
import { unlogged } from "./unlogged-client.ts";

export function workflowFromEnv(): StepFunctionsWorkflow {
  const arn = appConfig().STATE_MACHINE_ARN;
  if (!arn) throw new Error("STATE_MACHINE_ARN is not set for a function that resumes or starts workflows");
  return new StepFunctionsWorkflow(unlogged(new SFNClient({})), arn);
}
