/** Task of the needs assessment: scores the intake against the needs register and the office's active partners. */
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { DEFAULT_NEEDS_REGISTER } from "#shared/config/needs-register.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { assessEventSchema } from "#shared/schemas/task-events.ts";
import { runAssessment } from "#shared/services/run-assessment.ts";

const deps = { repository: repositoryFromEnv(), needsRegister: DEFAULT_NEEDS_REGISTER, clock: systemClock };

export const handler = taskHandler(assessEventSchema, async ({ partnershipId, step }) => {
  await runAssessment(deps, partnershipId, step);
  return { partnershipId };
});
