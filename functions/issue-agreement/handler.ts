/** Task of issuing the agreement: renders the terms set last as the next version's PDF, stored by its hash. */

import { evidenceWriterFromEnv } from "#shared/adapters/evidence-store-from-env.ts";
import { appConfig } from "#shared/adapters/from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { partnershipTaskSchema } from "#shared/schemas/task-events.ts";
import { issueAgreement } from "#shared/services/issue-agreement.ts";

const deps = {
  repository: personalRepositoryFromEnv(),
  documents: evidenceWriterFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

export const handler = taskHandler(partnershipTaskSchema, async ({ partnershipId, step }) => ({
  partnershipId,
  ...(await issueAgreement(deps, { partnershipId }, step)),
}));
