/** GET /status/{token} : the partner's private status page (stage, what is next, history). */
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { LinkNotFoundError, PartnershipNotFoundError } from "#shared/domain/errors.ts";
import { assertLinkUsable, hashToken, isWellFormedToken } from "#shared/domain/link-tokens.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { htmlResponse, page } from "#shared/web/layout.ts";
import { statusPage } from "#shared/web/pages.ts";

const deps = { repository: repositoryFromEnv(), clock: systemClock };

export const handler = httpHandler(
  async (event: HttpEvent) => {
    const token = event.pathParameters?.token ?? "";
    if (!isWellFormedToken(token)) throw new LinkNotFoundError("Malformed link");
    const link = await deps.repository.getLink(hashToken(token));
    if (link?.purpose !== "status") throw new LinkNotFoundError("Unknown link");
    assertLinkUsable(link, deps.clock.now());
    const partnership = await deps.repository.getPartnership(link.partnershipId);
    if (!partnership) throw new PartnershipNotFoundError(link.partnershipId);
    const events = await deps.repository.listEvents(partnership.id);
    return htmlResponse(200, page("Partnership status", statusPage(partnership, events)));
  },
  { body: "none", respond: "html" },
);
