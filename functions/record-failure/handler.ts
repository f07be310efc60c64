/** Task of a workflow that failed: the failure goes into the ledger and to the office, never into silence. */

import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { failureEventSchema } from "#shared/schemas/task-events.ts";
import { recordFailure } from "#shared/services/workflow-steps.ts";

const deps = {
  repository: personalRepositoryFromEnv(),
  mailer: mailerFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

export const handler = taskHandler(failureEventSchema, async (input) => {
  await recordFailure(deps, input, input.step);
  return { partnershipId: input.partnershipId };
});
