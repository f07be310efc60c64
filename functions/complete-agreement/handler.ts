/**
 * Tasks of completing the agreement: `certify` stores the certificate and records the completion; after the
 * partnership is activated, `deliver` emails both parties the signed agreement and its certificate.
 */

import { evidenceStoreFromEnv } from "#shared/adapters/evidence-store-from-env.ts";
import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { completionTaskSchema } from "#shared/schemas/task-events.ts";
import { completeAgreement } from "#shared/services/complete-agreement.ts";

const deps = {
  repository: personalRepositoryFromEnv(),
  documents: evidenceStoreFromEnv(),
  mailer: mailerFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

export const handler = taskHandler(completionTaskSchema, async ({ partnershipId, step, phase }) => ({
  partnershipId,
  ...(await completeAgreement(deps, { partnershipId, phase }, step)),
}));
