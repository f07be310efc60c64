/**
 * The ledger's export (auditors, and the office lead; signed in): GET /api/audit/export?format=jsonl|csv for
 * the API, and GET /console/export?format=… for the console's download button; the same service. Every event of
 * every partnership is written to the evidence bucket's `exports/` folder and the answer is a 303 to a link valid
 * five minutes (an HTTP API cannot stream, and caps an answer at 6 MB). A bad or missing `format` is a 400 that
 * names it: JSON for the API, a page for the console.
 */

import type { Context } from "aws-lambda";
import { evidenceStoreFromEnv } from "#shared/adapters/evidence-store-from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { AUDIT_ROLES } from "#shared/http/audit-roles.ts";
import { type HttpEvent, type HttpResult, httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { exportQuerySchema } from "#shared/schemas/audit-queries.ts";
import { EXPORT_LINK_TTL_SECONDS, exportLedger } from "#shared/services/audit-export.ts";

const deps = { repository: repositoryFromEnv(), clock: systemClock, documents: evidenceStoreFromEnv() };

async function answer(event: HttpEvent) {
  requireRole(event, AUDIT_ROLES);
  const { format } = parseOr400(
    exportQuerySchema,
    event.queryStringParameters ?? {},
    "Choose the export's format: jsonl or csv",
  );
  const done = await exportLedger(deps, format);
  return {
    statusCode: 303,
    headers: { location: done.url, "cache-control": "no-store", "content-type": "application/json" },
    body: JSON.stringify({
      format,
      partnerships: done.partnerships,
      events: done.events,
      bytes: done.bytes,
      url: done.url,
      expiresInSeconds: EXPORT_LINK_TTL_SECONDS,
    }),
  };
}

const api = httpHandler(answer, { body: "none", respond: "json" });
const page = httpHandler(answer, { body: "none", respond: "html" });

/** The console's route answers its errors as pages, the API's as JSON. */
export const handler = (event: HttpEvent, context: Context): Promise<HttpResult> =>
  event.rawPath.startsWith("/console/") ? page(event, context) : api(event, context);
