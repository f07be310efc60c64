/**
 * What a function that ends partnerships (withdraw-partnership, terminate-partnership) is built with: the
 * repository with personal data (the notices read the partner's and the signatory's addresses), the mailer,
 * the stopper of its executions and the review's schedules.
 */

import { systemClock } from "../ports/clock.ts";
import type { EndingDeps } from "../services/end-partnership.ts";
import { appConfig } from "./from-env.ts";
import { mailerFromEnv } from "./mailer-from-env.ts";
import { personalRepositoryFromEnv } from "./personal-data-from-env.ts";
import { reviewCancellationFromEnv } from "./review-cancellation-from-env.ts";
import { stoppingWorkflowFromEnv } from "./workflow-from-env.ts";

export function endingDepsFromEnv(): EndingDeps {
  const repository = personalRepositoryFromEnv();
  return {
    repository,
    mailer: mailerFromEnv(),
    config: appConfig(),
    clock: systemClock,
    stopper: stoppingWorkflowFromEnv(),
    reviewSchedules: reviewCancellationFromEnv(repository),
  };
}
