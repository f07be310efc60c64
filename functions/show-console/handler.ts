/**
 * The console's pages (auditors, and the office lead; signed in): GET /console (the partnerships, filtered, a page
 * at a time) and GET /console/partnerships/{id} (its timeline, decisions, agreements, the check of its ledger on
 * ?verify=1, and its workflow drawn with its current state). Read-only: its role may read the table and nothing
 * else. A decision as its decider saw it is show-decision-as-seen's page (it carries every step's page, which
 * this bundle leaves out), the audit packet's download audit-api's (it reads the checkpoints). The lead's form to
 * terminate a partnership, GET /console/partnerships/{id}/termination, is here too (its POST is
 * terminate-partnership's).
 */
import { appConfig } from "#shared/adapters/from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { foundOr404, givenQuery } from "#shared/http/console-request.ts";
import { httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { NotFoundError } from "#shared/http/problems.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { auditListQuerySchema } from "#shared/schemas/audit-queries.ts";
import {
  consolePartnershipPathSchema,
  consolePartnershipQuerySchema,
} from "#shared/schemas/console-queries.ts";
import { listPartnerships } from "#shared/services/audit.ts";
import { CONSOLE_ROLES, partnershipConsole } from "#shared/services/console.ts";
import { showTermination } from "#shared/services/termination.ts";
import { signedInPage, withReadableTimes } from "#shared/web/console-kit.ts";
import { consoleListPage } from "#shared/web/console-list-page.ts";
import { consolePartnershipPage } from "#shared/web/console-partnership-page.ts";
import { htmlResponse } from "#shared/web/layout.ts";
import graphs from "#shared/workflows/workflows.asl.json" with { type: "json" };

const TERMINATION_ROUTE = "GET /console/partnerships/{id}/termination";

const deps = { repository: repositoryFromEnv(), config: appConfig() };

export const handler = httpHandler(
  async (event) => {
    // Each GET route has its HEAD (the answer without its body, which API Gateway leaves out).
    const route = event.routeKey.replace(/^HEAD /, "GET ");
    // The termination form is the lead's alone (an auditor reads the console, and terminates nothing): its
    // refusal names that role, not the console's.
    const principal = requireRole(event, route === TERMINATION_ROUTE ? ["lead"] : CONSOLE_ROLES);
    switch (route) {
      case "GET /console": {
        const query = parseOr400(auditListQuerySchema, givenQuery(event), "Some filters are not valid");
        const list = await listPartnerships(deps, { ...query, limit: Number(query.limit ?? 25) });
        return htmlResponse(200, signedInPage(consoleListPage(list, query, deps.config), principal));
      }
      case "GET /console/partnerships/{id}": {
        const { id } = parseOr400(
          consolePartnershipPathSchema,
          event.pathParameters ?? {},
          "Not a partnership id",
        );
        const { verify } = parseOr400(
          consolePartnershipQuerySchema,
          givenQuery(event),
          "Not a valid request",
        );
        const view = await foundOr404(partnershipConsole(deps, graphs, id));
        return htmlResponse(
          200,
          signedInPage(
            consolePartnershipPage(
              withReadableTimes(view, deps.config),
              graphs,
              {
                verify: verify === "1",
                startReview: principal.roles.includes("lead"),
                canTerminate: principal.roles.includes("lead"),
              },
              deps.config,
            ),
            principal,
          ),
        );
      }
      case TERMINATION_ROUTE: {
        const { id } = parseOr400(
          consolePartnershipPathSchema,
          event.pathParameters ?? {},
          "Not a partnership id",
        );
        return htmlResponse(200, signedInPage(await foundOr404(showTermination(deps, id)), principal));
      }
      default:
        throw new NotFoundError("There is no such page.");
    }
  },
  { body: "none", respond: "html" },
);
