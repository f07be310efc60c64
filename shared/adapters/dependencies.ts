/** Builds the adapters once per Lambda container (module load), from the environment. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESClient } from "@aws-sdk/client-ses";
import { SFNClient } from "@aws-sdk/client-sfn";
import { type AppConfig, loadAppConfig } from "../config/app-config.ts";
import { DEFAULT_NEEDS_REGISTER, type NeedsRegister } from "../config/needs-register.ts";
import { type Clock, systemClock } from "../ports/clock.ts";
import type { Mailer } from "../ports/mailer.ts";
import type { PartnershipRepository } from "../ports/partnership-repository.ts";
import type { Workflow } from "../ports/workflow.ts";
import { createDocumentClient, DynamoDbPartnershipRepository } from "./dynamodb-repository.ts";
import { SesMailer } from "./ses-mailer.ts";
import { StepFunctionsWorkflow } from "./sfn-workflow.ts";

export interface Dependencies {
  config: AppConfig;
  repository: PartnershipRepository;
  mailer: Mailer;
  workflow: Workflow;
  clock: Clock;
  needsRegister: NeedsRegister;
}

let cached: Dependencies | undefined;

/** The process-wide dependencies; the SDK clients read AWS_ENDPOINT_URL_<SERVICE> themselves. */
export function dependencies(): Dependencies {
  if (!cached) {
    const config = loadAppConfig();
    cached = {
      config,
      repository: new DynamoDbPartnershipRepository(
        createDocumentClient(new DynamoDBClient({})),
        config.TABLE_NAME,
      ),
      mailer: new SesMailer(new SESClient({}), config.SENDER_EMAIL),
      workflow: new StepFunctionsWorkflow(new SFNClient({}), config.STATE_MACHINE_ARN ?? "unset"),
      clock: systemClock,
      needsRegister: DEFAULT_NEEDS_REGISTER,
    };
  }
  return cached;
}
