/**
 * POST /console/inbox/{partnershipId}/{decisionId} (the officer or lead it is assigned to, signed in): a new link
 * for the open decision (the emailed one is replaced), and the browser sent to its step's page to decide.
 */
import { linkVaultFromEnv, personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { openDecisionPathSchema } from "#shared/schemas/inbox.ts";
import { openDecisionFromInbox } from "#shared/services/open-decision.ts";
import { SECURITY_HEADERS } from "#shared/web/layout.ts";

// The personal-data grant only to seal the new link's token (a reminder sends it); it opens nothing.
const deps = { repository: personalRepositoryFromEnv(), clock: systemClock, linkVault: linkVaultFromEnv() };

export const handler = httpHandler(
  async (event) => {
    const principal = requireRole(event, ["officer", "lead"]);
    const ids = parseOr400(openDecisionPathSchema, event.pathParameters ?? {}, "Not a decision");
    const location = await openDecisionFromInbox(deps, principal, ids);
    return { statusCode: 303, headers: { ...SECURITY_HEADERS, location }, body: "" };
  },
  { body: "form", respond: "html" },
);
