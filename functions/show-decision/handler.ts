/** GET /decisions/{token} : shows what the officer is deciding. Decides nothing (mail scanners fetch links). */
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { resolveDecisionLink } from "#shared/services/decision-links.ts";
import { htmlResponse, page } from "#shared/web/layout.ts";
import { decisionPage } from "#shared/web/pages.ts";

const deps = { repository: repositoryFromEnv(), clock: systemClock };

export const handler = httpHandler(
  async (event: HttpEvent) => {
    const token = event.pathParameters?.token ?? "";
    const open = await resolveDecisionLink(deps, token, "intake-review");
    return htmlResponse(
      200,
      page("Intake review", decisionPage(open.partnership, open.decision, `/decisions/${token}`)),
    );
  },
  { body: "none", respond: "html" },
);
