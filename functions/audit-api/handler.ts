/**
 * The audit API (auditors, and the office lead; signed in): GET /api/audit/partnerships (filtered by stage,
 * type and date, a page at a time), GET /api/audit/partnerships/{id} (its timeline from the ledger, its
 * decisions and agreement versions, and the check of its chain), GET /api/audit/partnerships/{id}/verify, and
 * GET /api/audit/checkpoints (the newest, their signatures and the key that checks them).
 * Read-only: its role may read the table and nothing else.
 */

import { checkpointReaderFromEnv } from "#shared/adapters/checkpoints-from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { PartnershipNotFoundError } from "#shared/domain/errors.ts";
import { AUDIT_ROLES } from "#shared/http/audit-roles.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { NotFoundError } from "#shared/http/problems.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { auditListQuerySchema, auditPathSchema } from "#shared/schemas/audit-queries.ts";
import {
  auditPacket,
  listPartnerships,
  recentCheckpoints,
  timelineOf,
  verifyPartnership,
} from "#shared/services/audit.ts";

const deps = { repository: repositoryFromEnv(), clock: systemClock, ...checkpointReaderFromEnv() };

/** Who may read the audit trail (kept here too for the callers that import it from the handler). */
export { AUDIT_ROLES };

const json = (body: unknown) => ({
  statusCode: 200,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const idOf = (event: HttpEvent) =>
  parseOr400(auditPathSchema, event.pathParameters ?? {}, "Not a partnership id").id;

/** A partnership the path names and the table has not is the caller's 404, not our 500. */
async function found<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof PartnershipNotFoundError) throw new NotFoundError("There is no such partnership.");
    throw error;
  }
}

export const handler = httpHandler(
  async (event) => {
    requireRole(event, AUDIT_ROLES);
    // Each GET route has its HEAD (the answer without its body, which API Gateway leaves out).
    switch (event.routeKey.replace(/^HEAD /, "GET ")) {
      case "GET /api/audit/partnerships": {
        const query = parseOr400(
          auditListQuerySchema,
          event.queryStringParameters ?? {},
          "Some filters are not valid",
        );
        return json(await listPartnerships(deps, { ...query, limit: Number(query.limit ?? 25) }));
      }
      case "GET /api/audit/partnerships/{id}":
        return json(await found(timelineOf(deps, idOf(event))));
      case "GET /api/audit/partnerships/{id}/verify":
        return json(await found(verifyPartnership(deps, idOf(event))));
      case "GET /api/audit/partnerships/{id}/packet": {
        const id = idOf(event);
        return {
          statusCode: 200,
          headers: {
            "content-type": "application/json",
            "content-disposition": `attachment; filename="partnership-${id}-audit-packet.json"`,
          },
          body: JSON.stringify(await found(auditPacket(deps, id)), null, 2),
        };
      }
      case "GET /api/audit/checkpoints":
        return json(await recentCheckpoints(deps));
      default:
        return {
          statusCode: 404,
          headers: { "content-type": "application/json" },
          body: '{"message":"Not Found"}',
        };
    }
  },
  { body: "none", respond: "json" },
);
