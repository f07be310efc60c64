/** Tasks ApproveForVetting / DeclinePartnership / ExpireUndecided: the stage change and who is told. */
import { dependencies } from "#shared/adapters/dependencies.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { outcomeEventSchema } from "#shared/schemas/task-events.ts";
import { recordOutcome } from "#shared/services/workflow-steps.ts";

const deps = dependencies();
const STEP = {
  approved: "ApproveForVetting",
  declined: "DeclinePartnership",
  expired: "ExpireUndecided",
} as const;

export const handler = taskHandler(outcomeEventSchema, async (input) => {
  await recordOutcome(deps, input, STEP[input.outcome]);
  return { partnershipId: input.partnershipId, outcome: input.outcome };
});
