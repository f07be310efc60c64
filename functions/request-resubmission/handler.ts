/** Task AwaitPartnerResubmission (callback): asks the partner for more information with an edit link. */

import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { callbackEventSchema } from "#shared/schemas/task-events.ts";
import { openDecision } from "#shared/services/open-decision.ts";
import { loadPartnership } from "#shared/services/workflow-steps.ts";
import { emails } from "#shared/web/emails.ts";

const deps = {
  repository: repositoryFromEnv(),
  mailer: mailerFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

export const handler = taskHandler(callbackEventSchema, async (input) => {
  const { partnership, head } = await loadPartnership(deps, input.partnershipId);
  const request = input.comment || "Please complete your answers.";
  const { url, decision } = await openDecision(deps, {
    partnershipId: partnership.id,
    kind: "resubmission",
    assignee: "partner",
    taskToken: input.taskToken,
    timeoutSeconds: input.timeoutSeconds,
    head,
    request,
    step: "AwaitPartnerResubmission",
  });
  // No link to send: the decision was already made, or a concurrent repeat of this step sends the link.
  if (url) {
    await deps.mailer.send(
      emails.moreInformation(partnership.intake.contact.email, partnership.organisationName, url, request),
    );
  }
  return { decisionId: decision.decisionId };
});
