/** Scheduled, daily: reminds the assignees of overdue decisions with the same link, then tells the lead (see the service). */
import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { linkVaultFromEnv, personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { log } from "#shared/http/log.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { scheduledEventSchema } from "#shared/schemas/task-events.ts";
import { sendReminders } from "#shared/services/send-reminders.ts";

const deps = {
  repository: personalRepositoryFromEnv(),
  mailer: mailerFromEnv(),
  linkVault: linkVaultFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

/** Time left at the end of a run to report (the function times out after its timeout). */
const RESERVE_MS = 3000;

export const handler = taskHandler(scheduledEventSchema, async (_event, context) => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - RESERVE_MS;
  const report = await sendReminders(deps, { deadline });
  if (report.reminded > 0 || report.escalated > 0 || report.failed > 0 || report.deferred > 0)
    log(report.failed > 0 ? "error" : "info", "reminder sweep", { ...report });
  return { ...report };
});
