/**
 * The Step Functions workflow port for this container (the SDK reads AWS_ENDPOINT_URL_SFN itself). Two
 * factories, so that a function that only resumes bundles no StartExecution.
 */
import { SFNClient } from "@aws-sdk/client-sfn";
import { appConfig } from "./from-env.ts";
import {
  StepFunctionsRenewalStarter,
  StepFunctionsResumer,
  StepFunctionsReviewStarter,
  StepFunctionsStarter,
  StepFunctionsStopper,
} from "./sfn-workflow.ts";
import { unlogged } from "./unlogged-client.ts";

/** For a function that starts executions: it must be given STATE_MACHINE_ARN (checked here, at init). */
export function startingWorkflowFromEnv(): StepFunctionsStarter {
  const arn = appConfig().STATE_MACHINE_ARN;
  if (!arn) throw new Error("STATE_MACHINE_ARN is not set for a function that starts workflows");
  return new StepFunctionsStarter(unlogged(new SFNClient({})), arn);
}

/** For the renewal sweep: it must be given REVETTING_STATE_MACHINE_ARN (checked here, at init). */
export function renewalStarterFromEnv(): StepFunctionsRenewalStarter {
  const arn = appConfig().REVETTING_STATE_MACHINE_ARN;
  if (!arn)
    throw new Error("REVETTING_STATE_MACHINE_ARN is not set for the function that starts vetting renewals");
  return new StepFunctionsRenewalStarter(unlogged(new SFNClient({})), arn);
}

/** For a function that starts reviews: it must be given REVIEW_STATE_MACHINE_ARN (checked here, at init). */
export function reviewStarterFromEnv(): StepFunctionsReviewStarter {
  const arn = appConfig().REVIEW_STATE_MACHINE_ARN;
  if (!arn) throw new Error("REVIEW_STATE_MACHINE_ARN is not set for a function that starts reviews");
  return new StepFunctionsReviewStarter(unlogged(new SFNClient({})), arn);
}

export interface ResumeCallOptions {
  /** Attempts per resume, the SDK's retries included (the SDK's default is 3). */
  attempts?: number;
  /** How long one attempt may wait for Step Functions, so that a hung call cannot use up the function. */
  requestTimeoutMs?: number;
}

/** Long enough for Step Functions (a resume answers in tens of ms), short against a 10 s function. */
export const RESUME_REQUEST_TIMEOUT_MS = 2000;

/** For a function that only resumes tasks: a task token is all it needs, and it is given no state machine. */
export function resumingWorkflowFromEnv(options: ResumeCallOptions = {}): StepFunctionsResumer {
  const client = new SFNClient({
    ...(options.attempts === undefined ? {} : { maxAttempts: options.attempts }),
    // Without throwOnRequestTimeout the SDK only logs a warning when the timeout passes, and keeps waiting.
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? RESUME_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
  return new StepFunctionsResumer(unlogged(client));
}

/** For a function that ends partnerships: it must be given STATE_MACHINE_ARN, the onboarding's (checked at init). */
export function stoppingWorkflowFromEnv(): StepFunctionsStopper {
  const config = appConfig();
  const arn = config.STATE_MACHINE_ARN;
  if (!arn) throw new Error("STATE_MACHINE_ARN is not set for a function that stops workflows");
  // The review's (its review-schedule grant) and the renewal's (its stop-execution grant), for the executions
  // the ledger names: a review begun and not completed, a retry.
  return new StepFunctionsStopper(unlogged(new SFNClient({})), arn, {
    "vetting-renewal": config.REVETTING_STATE_MACHINE_ARN,
    review: config.REVIEW_STATE_MACHINE_ARN,
  });
}
