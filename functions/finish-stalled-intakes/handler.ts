/** Scheduled: sends the acknowledgement and starts the workflow of intakes whose request was cut short (see the service). */

import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { startingWorkflowFromEnv } from "#shared/adapters/workflow-from-env.ts";
import { log } from "#shared/http/log.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { scheduledEventSchema } from "#shared/schemas/task-events.ts";
import { finishStalledIntakes } from "#shared/services/finish-stalled-intakes.ts";

const deps = {
  repository: personalRepositoryFromEnv(),
  mailer: mailerFromEnv(),
  starter: startingWorkflowFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

/** Time left at the end of a run for the last intake's send (two attempts of 2 s) and the report. */
const RESERVE_MS = 5000;

export const handler = taskHandler(scheduledEventSchema, async (_event, context) => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - RESERVE_MS;
  const report = await finishStalledIntakes(deps, { deadline });
  // An error line (and so an alarm on the function's log) only when an intake could not be finished; it is
  // tried again at the next run.
  if (Object.values(report).some((count) => count > 0))
    log(report.failed > 0 ? "error" : "info", "intake sweep", { ...report });
  return { ...report };
});
