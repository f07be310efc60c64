/**
 * GET /status/{token} : the partner's private status page (stage, what is next, history; once active, links to
 * the signed agreement and its certificate, which show-documents serves; until it ends, a link to withdraw).
 * GET /status/{token}/withdraw : the withdrawal's form (its POST is withdraw-partnership's).
 */
import { appConfig } from "#shared/adapters/from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { PartnershipNotFoundError } from "#shared/domain/errors.ts";
import { assertLinkUsable } from "#shared/domain/link-tokens.ts";
import { awaitedDecision } from "#shared/domain/partnership.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { findLink } from "#shared/services/decision-links.ts";
import { showWithdrawal } from "#shared/services/withdrawal.ts";
import { htmlResponse, page } from "#shared/web/layout.ts";
import { statusPage } from "#shared/web/pages.ts";

const deps = { repository: personalRepositoryFromEnv(), config: appConfig(), clock: systemClock };

export const handler = httpHandler(
  async (event: HttpEvent) => {
    const token = event.pathParameters?.token ?? "";
    if (event.routeKey.endsWith("/withdraw")) return showWithdrawal(deps, token);
    const link = await findLink(deps, token, "status");
    assertLinkUsable(link, deps.clock.now());
    const record = await deps.repository.getPartnershipRecord(link.partnershipId);
    if (!record) throw new PartnershipNotFoundError(link.partnershipId);
    const waiting = awaitedDecision(record.partnership.stage, record.decisions, deps.clock.now());
    return htmlResponse(
      200,
      page(
        "Partnership status",
        statusPage(record.partnership, record.events, waiting, deps.config, `/status/${token}`),
        deps.config.OFFICE_NAME,
      ),
    );
  },
  { body: "none", respond: "html" },
);
