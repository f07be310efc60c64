/** Task AssessNeeds: scores the intake against the needs register and the office's active partners. */
import { dependencies } from "#shared/adapters/dependencies.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { assessEventSchema } from "#shared/schemas/task-events.ts";
import { runAssessment } from "#shared/services/workflow-steps.ts";

const deps = dependencies();

export const handler = taskHandler(assessEventSchema, async ({ partnershipId }) => {
  await runAssessment(deps, partnershipId, "AssessNeeds");
  return { partnershipId };
});
