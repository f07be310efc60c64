/**
 * GET /console/partnerships/{id}/decisions/{decisionId} (auditors, and the office lead; signed in): a decision as
 * its decider saw it, the step's page rendered again, read-only, from the data it was decided on, and whether it
 * matches the SHA-256 recorded with the decision. A function apart from show-console: it carries every step's
 * page. Read-only: its role may read the table, and open the partnership's personal fields (what the decider saw).
 */
import { appConfig } from "#shared/adapters/from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { foundOr404 } from "#shared/http/console-request.ts";
import { httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { NotFoundError } from "#shared/http/problems.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { consoleDecisionPathSchema } from "#shared/schemas/console-queries.ts";
import { CONSOLE_ROLES, decisionAsSeen } from "#shared/services/console.ts";
import { STEPS } from "#shared/steps/index.ts";
import { consoleDecisionPage } from "#shared/web/console-decision-page.ts";
import { signedInPage } from "#shared/web/console-kit.ts";
import { htmlResponse } from "#shared/web/layout.ts";

// Opens the sealed personal fields: the page is rendered again as the decider saw it, names included.
const deps = { repository: personalRepositoryFromEnv(), config: appConfig() };

export const handler = httpHandler(
  async (event) => {
    const principal = requireRole(event, CONSOLE_ROLES);
    const { id, decisionId } = parseOr400(
      consoleDecisionPathSchema,
      event.pathParameters ?? {},
      "Not a decision",
    );
    const seen = await foundOr404(decisionAsSeen(deps, STEPS, id, decisionId));
    if (!seen) throw new NotFoundError("This partnership has no such decision, or it is not decided yet.");
    return htmlResponse(200, signedInPage(consoleDecisionPage(seen, deps.config), principal));
  },
  { body: "none", respond: "html" },
);
