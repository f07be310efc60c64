/**
 * Tasks of the officer's outcomes (approve, decline) and of a step that timed out: the stage change and who is
 * told; the periodic review's beginning and ends, and the next review scheduled at each activation.
 */

import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { reviewSchedulesFromEnv } from "#shared/adapters/review-schedules-from-env.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { outcomeEventSchema } from "#shared/schemas/task-events.ts";
import { beginReview } from "#shared/services/review.ts";
import { recordOutcome } from "#shared/services/workflow-steps.ts";

const repository = personalRepositoryFromEnv();
const deps = {
  repository,
  reviewSchedules: reviewSchedulesFromEnv(repository),
  mailer: mailerFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

export const handler = taskHandler(outcomeEventSchema, async (input) => {
  // The review's first task answers whether it began (workflows/review: BeginReview).
  if (input.outcome === "review-started") {
    const { started } = await beginReview(
      deps,
      { partnershipId: input.partnershipId, round: input.round ?? "" },
      input.step,
    );
    return { partnershipId: input.partnershipId, outcome: input.outcome, started };
  }
  await recordOutcome(deps, input, input.step);
  return { partnershipId: input.partnershipId, outcome: input.outcome };
});
