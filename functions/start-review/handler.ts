/**
 * The periodic review started now, by an officer or the lead (signed in):
 * - POST /api/partnerships/{id}/reviews (bearer): 202 with the round; 409 when the partnership is not active;
 *   404 for no such partnership;
 * - GET /console/reviews: the active partnerships, their next review's day, and "Start the review now"; with
 *   `?started=<id>` (read only for display) the notice that the review of that partnership has started;
 * - POST /console/partnerships/{id}/reviews (a form from this site): asks for a confirmation, then starts it and
 *   sends the browser back to /console/reviews?started=<id>;
 * - GET /console/partnerships/{id}/reviews (a reload, a stale tab): the confirmation again for an active
 *   partnership, "a review is already under way" for one in review; nothing is started.
 * The review's execution is named by its round (a repeat starts nothing); the scheduled review is cancelled.
 */

import type { Context } from "aws-lambda";
import { appConfig } from "#shared/adapters/from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { reviewCancellationFromEnv } from "#shared/adapters/review-cancellation-from-env.ts";
import { reviewStarterFromEnv } from "#shared/adapters/workflow-from-env.ts";
import type { Stage } from "#shared/domain/lifecycle.ts";
import type { Principal } from "#shared/domain/staff.ts";
import { type HttpEvent, type HttpResult, httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { ConflictError, foundOr404, NotFoundError } from "#shared/http/problems.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { auditPathSchema } from "#shared/schemas/audit-queries.ts";
import { activePartnershipsForReview, startReviewNow } from "#shared/services/start-review.ts";
import { signedInPage } from "#shared/web/console-kit.ts";
import { firstValue } from "#shared/web/form-kit.ts";
import type { FormFields } from "#shared/web/intake-form.ts";
import { htmlResponse, SECURITY_HEADERS } from "#shared/web/layout.ts";
import {
  confirmReviewPage,
  reviewStartedNotice,
  reviewsPage,
  reviewUnderWayPage,
} from "#shared/web/reviews-page.ts";
import { stageName } from "#shared/web/stage-names.ts";

const repository = repositoryFromEnv();
const deps = {
  repository,
  clock: systemClock,
  reviews: reviewStarterFromEnv(),
  reviewSchedules: reviewCancellationFromEnv(repository),
};

const notActive = (stage: Stage) =>
  new ConflictError(
    `The partnership is not active (its stage is “${stageName(stage)}”): only an active partnership can be reviewed.`,
    "No review can start",
  );

/** The id a query names, if it is one (read only to say which review started). */
const queriedId = (event: HttpEvent): string | undefined => {
  const parsed = auditPathSchema.safeParse({ id: event.queryStringParameters?.started });
  return parsed.success ? parsed.data.id : undefined;
};

/**
 * A partnership's review asked for without starting it: the confirmation for an active one, "already under way"
 * (`underWayStatus`) for one in review, 409 otherwise.
 */
async function confirmOrUnderWay(
  id: string,
  principal: Principal,
  underWayStatus: 200 | 409,
): Promise<HttpResult> {
  const p = await repository.getPartnership(id);
  if (!p) throw new NotFoundError("There is no such partnership.");
  const office = appConfig().OFFICE_NAME;
  if (p.stage === "IN_REVIEW")
    return htmlResponse(
      underWayStatus,
      signedInPage(reviewUnderWayPage(p.organisationName, office), principal),
    );
  if (p.stage !== "ACTIVE") throw notActive(p.stage);
  return htmlResponse(200, signedInPage(confirmReviewPage(id, p.organisationName, office), principal));
}

const api = httpHandler(
  async (event) => {
    const principal = requireRole(event, ["officer", "lead"]);
    const { id } = parseOr400(auditPathSchema, event.pathParameters ?? {}, "Not a partnership id");
    const result = await foundOr404(startReviewNow(deps, id, principal));
    if (!result.ok) throw notActive(result.stage);
    return {
      statusCode: 202,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ partnershipId: id, round: result.round }),
    };
  },
  { body: "none", respond: "json" },
);

const list = httpHandler(
  async (event) => {
    const principal = requireRole(event, ["officer", "lead"]);
    const rows = await activePartnershipsForReview(deps);
    const startedId = queriedId(event);
    const started = startedId ? await repository.getPartnership(startedId) : undefined;
    const notice = started ? reviewStartedNotice(started.organisationName) : undefined;
    return htmlResponse(200, reviewsPage(rows, principal, appConfig().OFFICE_NAME, notice));
  },
  { body: "none", respond: "html" },
);

const start = httpHandler(
  async (event) => {
    const principal = requireRole(event, ["officer", "lead"]);
    const { id } = parseOr400(auditPathSchema, event.pathParameters ?? {}, "Not a partnership id");
    const fields = (event.body ?? {}) as FormFields;
    if (firstValue(fields.confirm) !== "yes") return confirmOrUnderWay(id, principal, 200);
    const result = await foundOr404(startReviewNow(deps, id, principal));
    // A second click, or another tab's, after the review began: say so, starting nothing.
    if (!result.ok && result.stage === "IN_REVIEW") return confirmOrUnderWay(id, principal, 409);
    if (!result.ok) throw notActive(result.stage);
    return {
      statusCode: 303,
      headers: { ...SECURITY_HEADERS, location: `/console/reviews?started=${encodeURIComponent(id)}` },
      body: "",
    };
  },
  { body: "form", respond: "html" },
);

const ask = httpHandler(
  async (event) => {
    const principal = requireRole(event, ["officer", "lead"]);
    const { id } = parseOr400(auditPathSchema, event.pathParameters ?? {}, "Not a partnership id");
    return confirmOrUnderWay(id, principal, 200);
  },
  { body: "none", respond: "html" },
);

export const handler = (event: HttpEvent, context: Context): Promise<HttpResult> => {
  const route = event.routeKey.replace(/^HEAD /, "GET ");
  if (route.startsWith("POST /api/")) return api(event, context);
  if (route.startsWith("POST ")) return start(event, context);
  if (route === "GET /console/partnerships/{id}/reviews") return ask(event, context);
  return list(event, context);
};
