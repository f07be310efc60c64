/** Scheduled: resumes the workflow for decisions made whose own resume was cut short (see the service). */

import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { resumingWorkflowFromEnv } from "#shared/adapters/workflow-from-env.ts";
import { log } from "#shared/http/log.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { scheduledEventSchema } from "#shared/schemas/task-events.ts";
import { resumeStalledDecisions } from "#shared/services/resume-stalled-decisions.ts";

// One attempt per decision and run: the next run is the retry, and a run must end before its deadline.
const deps = {
  repository: personalRepositoryFromEnv(),
  resumer: resumingWorkflowFromEnv({ attempts: 1 }),
  clock: systemClock,
};

/** Time left at the end of a run to note the last decision and report (the function times out after 10 s). */
const RESERVE_MS = 3000;

export const handler = taskHandler(scheduledEventSchema, async (_event, context) => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - RESERVE_MS;
  const report = await resumeStalledDecisions(deps, { deadline });
  // An error line (and so an alarm on the function's log) only when a decision could not be finished; it is
  // tried again at the next run.
  if (report.overdue > 0 || report.failed > 0 || report.deferred > 0)
    log(report.failed > 0 ? "error" : "info", "resume sweep", { ...report });
  return { ...report };
});
