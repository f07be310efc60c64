/**
 * GET /console/inbox (officers and the lead, signed in): the open decisions assigned to them and to the office;
 * for the lead, first, the partnerships that need attention (a workflow failed).
 */
import { appConfig } from "#shared/adapters/from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import type { AslGraph } from "#shared/domain/workflow-asl.ts";
import { httpHandler } from "#shared/http/http-handler.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { inboxOf } from "#shared/services/inbox.ts";
import { inboxPage } from "#shared/web/inbox-page.ts";
import { htmlResponse } from "#shared/web/layout.ts";
import graphs from "#shared/workflows/workflows.asl.json" with { type: "json" };

const repository = repositoryFromEnv();

export const handler = httpHandler(
  async (event) => {
    const principal = requireRole(event, ["officer", "lead"]);
    const config = appConfig();
    // The workflows' shapes say which failures the lead can retry (the needs-attention section).
    const inbox = await inboxOf(
      { repository, clock: systemClock, config },
      principal,
      graphs as unknown as Readonly<Record<string, AslGraph>>,
    );
    return htmlResponse(200, inboxPage(inbox, principal, config.TIME_ZONE, config.OFFICE_NAME));
  },
  { body: "none", respond: "html" },
);
