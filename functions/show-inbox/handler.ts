/** GET /console/inbox (officers and the lead, signed in): the open decisions assigned to them and to the office. */
import { appConfig } from "#shared/adapters/from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { httpHandler } from "#shared/http/http-handler.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { inboxOf } from "#shared/services/inbox.ts";
import { inboxPage } from "#shared/web/inbox-page.ts";
import { htmlResponse } from "#shared/web/layout.ts";

const repository = repositoryFromEnv();

export const handler = httpHandler(
  async (event) => {
    const principal = requireRole(event, ["officer", "lead"]);
    const config = appConfig();
    const inbox = await inboxOf({ repository, clock: systemClock, config }, principal);
    return htmlResponse(200, inboxPage(inbox, principal, config.TIME_ZONE, config.OFFICE_NAME));
  },
  { body: "none", respond: "html" },
);
