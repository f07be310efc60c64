/** Task RecordWorkflowFailure: the failure goes into the ledger and to the office, never into silence. */
import { dependencies } from "#shared/adapters/dependencies.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { failureEventSchema } from "#shared/schemas/task-events.ts";
import { recordFailure } from "#shared/services/workflow-steps.ts";

const deps = dependencies();

export const handler = taskHandler(failureEventSchema, async (input) => {
  await recordFailure(deps, input, "RecordWorkflowFailure");
  return { partnershipId: input.partnershipId };
});
