/**
 * The lead retries a partnership's failed workflow at the state that failed (issue 13; services/retry-workflow.ts):
 * POST /console/partnerships/{id}/retry from the inbox (the session, the same origin, the form's confirmation;
 * a 303 back to the inbox) and POST /api/partnerships/{id}/retry for scripts (a bearer token; 202 with the new
 * execution). The lead only (403 otherwise); 404 for no such partnership; 409 when it does not need attention,
 * or its failure cannot be retried (it can be terminated). The same service, errors as a page or as JSON.
 */
import type { Context } from "aws-lambda";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { retrierFromEnv } from "#shared/adapters/retrier-from-env.ts";
import type { AslGraph } from "#shared/domain/workflow-asl.ts";
import { type HttpEvent, type HttpResult, httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { ConflictError, foundOr404 } from "#shared/http/problems.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { auditPathSchema } from "#shared/schemas/audit-queries.ts";
import { retryFormSchema } from "#shared/schemas/retry.ts";
import { type RetryResult, retryFailedStep } from "#shared/services/retry-workflow.ts";
import { SECURITY_HEADERS } from "#shared/web/layout.ts";
import { stageName } from "#shared/web/stage-names.ts";
import graphs from "#shared/workflows/workflows.asl.json" with { type: "json" };

const deps = { repository: repositoryFromEnv(), clock: systemClock, retrier: retrierFromEnv() };

/** Why a retry was refused, in words the lead can act on. */
function refusal(result: Exclude<RetryResult, { ok: true }>): string {
  switch (result.reason) {
    case "not-needing-attention":
      return `The partnership does not need attention (its stage is “${stageName(result.stage)}”): there is nothing to retry.`;
    case "moved":
      return "Someone else retried or ended this partnership meanwhile: open the inbox again to see where it stands.";
    case "not-resumable":
      return result.failure?.state
        ? `The ${result.failure.workflow.replace(/-/g, " ")} cannot be resumed at ${result.failure.state}: terminate the partnership, or ask whoever runs the office's system.`
        : "This failure does not say which step failed (it was recorded before retries existed): terminate the partnership, or ask whoever runs the office's system.";
  }
}

async function retry(event: HttpEvent) {
  const lead = requireRole(event, ["lead"]);
  const { id } = parseOr400(auditPathSchema, event.pathParameters ?? {}, "Not a partnership id");
  const result = await foundOr404(
    retryFailedStep(deps, id, lead, graphs as unknown as Readonly<Record<string, AslGraph>>),
  );
  if (!result.ok) throw new ConflictError(refusal(result), "Not retried");
  return result;
}

const api = httpHandler(
  async (event) => {
    const result = await retry(event);
    return {
      statusCode: 202,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
      body: JSON.stringify({
        retried: true,
        workflow: result.workflow,
        state: result.state,
        execution: result.execution,
        stage: result.stage,
        already: result.already,
      }),
    };
  },
  { body: "none", respond: "json" },
);

const page = httpHandler(
  async (event) => {
    requireRole(event, ["lead"]);
    parseOr400(retryFormSchema, event.body ?? {}, "Confirm the retry");
    await retry(event);
    return { statusCode: 303, headers: { ...SECURITY_HEADERS, location: "/console/inbox" }, body: "" };
  },
  { body: "form", respond: "html" },
);

/** The console's route answers its errors as pages, the API's as JSON. */
export const handler = (event: HttpEvent, context: Context): Promise<HttpResult> =>
  event.rawPath.startsWith("/console/") ? page(event, context) : api(event, context);
