/** Task of every workflow's timeout branch: records the step's timeout and tells the lead (see the service). */
import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { timeoutTaskSchema } from "#shared/schemas/task-events.ts";
import { tellLeadOfTimeout } from "#shared/services/tell-lead-of-timeout.ts";

// No personal-data grant: the organisation's name, the decision's kind and dates are all it reads.
const deps = {
  repository: repositoryFromEnv(),
  mailer: mailerFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

export const handler = taskHandler(timeoutTaskSchema, async (input) => ({
  ...(await tellLeadOfTimeout(deps, input)),
}));
