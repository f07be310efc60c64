/**
 * Scheduled: starts the vetting renewal of each active partnership whose waiver has ended or whose evidence is
 * about to expire, and marks at risk those whose required evidence lapsed (see the service).
 */

import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { renewalStarterFromEnv } from "#shared/adapters/workflow-from-env.ts";
import { log } from "#shared/http/log.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { scheduledEventSchema } from "#shared/schemas/task-events.ts";
import { startVettingRenewals } from "#shared/services/start-vetting-renewals.ts";

const deps = {
  repository: personalRepositoryFromEnv(),
  renewals: renewalStarterFromEnv(),
  mailer: mailerFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

/** Time left at the end of a run to report (the function times out after 10 s). */
const RESERVE_MS = 3000;

export const handler = taskHandler(scheduledEventSchema, async (_event, context) => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - RESERVE_MS;
  const report = await startVettingRenewals(deps, { deadline });
  if (
    report.started > 0 ||
    report.waiting > 0 ||
    report.failed > 0 ||
    report.deferred > 0 ||
    report.lapsed > 0
  )
    log(report.failed > 0 ? "error" : "info", "vetting renewal sweep", { ...report });
  return { ...report };
});
