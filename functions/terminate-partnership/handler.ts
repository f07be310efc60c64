/**
 * The office lead terminates a partnership (signed in; the lead only: 403 for officers and auditors):
 * - POST /api/partnerships/{id}/termination, JSON `{ "reason": "…" }`: 200 with the new stage and when; 400
 *   naming the fields that failed; 409 when it has ended already (a repeat finishes what the first left undone);
 *   404 for no such partnership;
 * - POST /console/partnerships/{id}/termination, the console's form (same-origin, the lead's session): 303 to
 *   the partnership's page; the form again (400) with what is wrong. The form's GET is show-console's.
 */
import type { Context } from "aws-lambda";
import { endingDepsFromEnv } from "#shared/adapters/ending-from-env.ts";
import { type HttpEvent, type HttpResult, httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { ConflictError, foundOr404 } from "#shared/http/problems.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { consolePartnershipPathSchema } from "#shared/schemas/console-queries.ts";
import { terminationBodySchema } from "#shared/schemas/ending.ts";
import { endPartnership } from "#shared/services/end-partnership.ts";
import { terminateFromConsole } from "#shared/services/termination.ts";
import { signedInPage } from "#shared/web/console-kit.ts";
import type { FormFields } from "#shared/web/intake-form.ts";
import { stageName } from "#shared/web/stage-names.ts";

const deps = endingDepsFromEnv();

const idOf = (event: HttpEvent) =>
  parseOr400(consolePartnershipPathSchema, event.pathParameters ?? {}, "Not a partnership id").id;

const api = httpHandler(
  async (event) => {
    const lead = requireRole(event, ["lead"]);
    const id = idOf(event);
    const { reason } = parseOr400(terminationBodySchema, event.body ?? {});
    const result = await foundOr404(
      endPartnership(deps, {
        partnershipId: id,
        how: "terminated",
        reason,
        lead: { sub: lead.sub, email: lead.email },
      }),
    );
    if (!result.ok || result.already)
      throw new ConflictError(
        `The partnership has ended already (its stage is “${stageName(result.stage)}”).`,
        "Already ended",
      );
    return {
      statusCode: 200,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
      body: JSON.stringify({ id, stage: result.stage, terminatedAt: result.endedAt }),
    };
  },
  { body: "json", respond: "json" },
);

const form = httpHandler(
  async (event) => {
    const lead = requireRole(event, ["lead"]);
    const result = await foundOr404(
      terminateFromConsole(deps, idOf(event), (event.body ?? {}) as FormFields, {
        sub: lead.sub,
        email: lead.email,
      }),
    );
    return result.statusCode === 303 ? result : { ...result, body: signedInPage(String(result.body), lead) };
  },
  { body: "form", respond: "html" },
);

/** The console's route answers as pages, the API's as JSON. */
export const handler = (event: HttpEvent, context: Context): Promise<HttpResult> =>
  event.rawPath.startsWith("/console/") ? form(event, context) : api(event, context);
