/** Tasks of the officer's outcomes (approve, decline) and of a step that timed out: the stage change and who is told. */

import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { outcomeEventSchema } from "#shared/schemas/task-events.ts";
import { recordOutcome } from "#shared/services/workflow-steps.ts";

const deps = {
  repository: personalRepositoryFromEnv(),
  mailer: mailerFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

export const handler = taskHandler(outcomeEventSchema, async (input) => {
  await recordOutcome(deps, input, input.step);
  return { partnershipId: input.partnershipId, outcome: input.outcome };
});
