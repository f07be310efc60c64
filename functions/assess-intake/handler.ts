/** Task of the needs assessment: scores the intake against the needs register and the office's active partners. */
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { DEFAULT_NEEDS_REGISTER } from "#shared/config/needs-register.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { assessEventSchema } from "#shared/schemas/task-events.ts";
import { runAssessment } from "#shared/services/run-assessment.ts";

const deps = {
  repository: personalRepositoryFromEnv(),
  needsRegister: DEFAULT_NEEDS_REGISTER,
  clock: systemClock,
};

export const handler = taskHandler(assessEventSchema, async ({ partnershipId, step }) => {
  await runAssessment(deps, partnershipId, step);
  return { partnershipId };
});
