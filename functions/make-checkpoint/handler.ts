/**
 * Scheduled, daily: checks the chains that changed since the last checkpoint against it, then signs a Merkle
 * root over every partnership's chain head and keeps it where it cannot be rewritten (see the service). A
 * failed check is an error line per partnership and event (the function's alarm) and an email to the office.
 */
import { checkpointWriterFromEnv } from "#shared/adapters/checkpoint-writer-from-env.ts";
import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { log } from "#shared/http/log.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { scheduledEventSchema } from "#shared/schemas/task-events.ts";
import { makeCheckpoint } from "#shared/services/checkpoints.ts";

const deps = {
  repository: repositoryFromEnv(),
  mailer: mailerFromEnv(),
  config: appConfig(),
  clock: systemClock,
  ...checkpointWriterFromEnv(),
};

export const handler = taskHandler(scheduledEventSchema, async () => {
  const report = await makeCheckpoint(deps);
  if (report.ok) log("info", "checkpoint", { ...report });
  return report;
});
