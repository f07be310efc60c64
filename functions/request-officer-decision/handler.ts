/** Task AwaitOfficerDecision (callback): opens the decision and emails its link to the assigned officer. */

import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { assignOfficer } from "#shared/domain/partnership.ts";
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
  const partnership = await loadPartnership(deps, input.partnershipId);
  const officer = assignOfficer(partnership.id, deps.config.OFFICER_EMAILS);
  const { url, decision, decided } = await openDecision(deps, {
    partnershipId: partnership.id,
    kind: "intake-review",
    assignee: officer,
    taskToken: input.taskToken,
    timeoutSeconds: input.timeoutSeconds,
    step: "AwaitOfficerDecision",
  });
  // A repeat of a step whose decision was already made sends nothing: the workflow has moved on.
  if (!decided)
    await deps.mailer.send(
      emails.decisionRequest(officer, partnership.organisationName, url, decision.dueAt),
    );
  return { decisionId: decision.decisionId };
});
