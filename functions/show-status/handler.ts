/** GET /status/{token} : the partner's private status page (stage, what is next, history). */
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { PartnershipNotFoundError } from "#shared/domain/errors.ts";
import { assertLinkUsable } from "#shared/domain/link-tokens.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { findLink } from "#shared/services/decisions.ts";
import { htmlResponse, page } from "#shared/web/layout.ts";
import { statusPage } from "#shared/web/pages.ts";

const deps = { repository: repositoryFromEnv(), clock: systemClock };

export const handler = httpHandler(
  async (event: HttpEvent) => {
    const token = event.pathParameters?.token ?? "";
    const link = await findLink(deps, token, "status");
    assertLinkUsable(link, deps.clock.now());
    const partnership = await deps.repository.getPartnership(link.partnershipId);
    if (!partnership) throw new PartnershipNotFoundError(link.partnershipId);
    const events = await deps.repository.listEvents(partnership.id);
    return htmlResponse(200, page("Partnership status", statusPage(partnership, events)));
  },
  { body: "none", respond: "html" },
);
