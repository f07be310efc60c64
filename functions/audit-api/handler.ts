/**
 * The audit API (auditors, and the office lead; signed in): GET /api/audit/partnerships (filtered by stage,
 * type and date, a page at a time), GET /api/audit/partnerships/{id} (its timeline from the ledger, its
 * decisions and agreement versions, and the check of its chain), GET /api/audit/partnerships/{id}/verify, and
 * GET /api/audit/checkpoints (the newest, their signatures and the key that checks them), the audit packet
 * (GET /api/audit/partnerships/{id}/packet, `?documents=inline` for the documents' bytes too) and a document the
 * ledger names by its hash (GET /api/audit/partnerships/{id}/documents/{sha256}: a 303 to a five-minute link).
 * The console's download of the packet, GET /console/partnerships/{id}/packet, is the same file.
 * Read-only: its role may read the table, the checkpoints and the documents, and nothing else.
 */

import { checkpointReaderFromEnv } from "#shared/adapters/checkpoints-from-env.ts";
import { evidenceReaderFromEnv } from "#shared/adapters/evidence-store-from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { AUDIT_ROLES } from "#shared/http/audit-roles.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { ConflictError, foundOr404, NotFoundError } from "#shared/http/problems.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { systemClock } from "#shared/ports/clock.ts";
import {
  auditListQuerySchema,
  auditPathSchema,
  documentPathSchema,
  packetQuerySchema,
} from "#shared/schemas/audit-queries.ts";
import {
  auditPacket,
  DocumentMissingError,
  listPartnerships,
  namedDocument,
  recentCheckpoints,
  timelineOf,
  verifyPartnership,
} from "#shared/services/audit.ts";

const deps = {
  repository: repositoryFromEnv(),
  clock: systemClock,
  documents: evidenceReaderFromEnv(),
  ...checkpointReaderFromEnv(),
};

/**
 * The most a packet may weigh as it travels: a Lambda answer through API Gateway is at most 6 MB, the whole
 * answer's JSON (the body as an escaped string, and the headers), so the body is measured as that string, with
 * room left for the rest. A packet with its documents inline above it is refused (422), pointing to the packet
 * by hash and each document's route.
 */
export const MAX_PACKET_BYTES = 5_900_000;

/** Who may read the audit trail (kept here too for the callers that import it from the handler). */
export { AUDIT_ROLES };

const json = (body: unknown) => ({
  statusCode: 200,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const idOf = (event: HttpEvent) =>
  parseOr400(auditPathSchema, event.pathParameters ?? {}, "Not a partnership id").id;

/** How long a document's link works. */
const DOCUMENT_LINK_TTL_SECONDS = 300;

/** A document the ledger names and the store lacks: a 409 that names it (a finding for the auditor). */
async function documentsFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof DocumentMissingError) throw new ConflictError(error.message);
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
        return json(await foundOr404(timelineOf(deps, idOf(event))));
      case "GET /api/audit/partnerships/{id}/verify":
        return json(await foundOr404(verifyPartnership(deps, idOf(event))));
      case "GET /api/audit/partnerships/{id}/packet":
      case "GET /console/partnerships/{id}/packet": {
        const id = idOf(event);
        const { documents } = parseOr400(
          packetQuerySchema,
          event.queryStringParameters ?? {},
          "`documents` may only be `inline`",
        );
        const packet = await foundOr404(
          documentsFound(auditPacket(deps, id, { inline: documents === "inline" })),
        );
        // Compact with documents inline (their base64 is the bulk), indented for a person to read otherwise.
        const body = documents === "inline" ? JSON.stringify(packet) : JSON.stringify(packet, null, 2);
        const bytes = Buffer.byteLength(JSON.stringify(body));
        if (bytes > MAX_PACKET_BYTES)
          return {
            statusCode: 422,
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              message:
                `With its documents inline this packet would be ${(bytes / 1e6).toFixed(1)} MB, over the 6 MB an ` +
                "answer can carry. Download the packet without documents=inline (it names each document by its " +
                `SHA-256), and each document from /api/audit/partnerships/${id}/documents/{sha256}.`,
              documents: packet.documents.map(({ kind, sha256, version }) => ({
                kind,
                sha256,
                ...(version ? { version } : {}),
              })),
            }),
          };
        return {
          statusCode: 200,
          headers: {
            "content-type": "application/json",
            "content-disposition": `attachment; filename="partnership-${id}-audit-packet.json"`,
          },
          body,
        };
      }
      case "GET /api/audit/partnerships/{id}/documents/{sha256}": {
        const { id, sha256 } = parseOr400(documentPathSchema, event.pathParameters ?? {}, "Not a document");
        const named = await namedDocument(deps, id, sha256);
        if (!named)
          throw new NotFoundError("This partnership's ledger names no stored document with this hash.");
        const url = await deps.documents.signedUrl(named.key, {
          ttlSeconds: DOCUMENT_LINK_TTL_SECONDS,
          downloadName: `${named.doc.kind}${named.doc.version ? `-v${named.doc.version}` : ""}-${sha256}${
            named.doc.kind === "evidence" ? "" : ".pdf"
          }`,
          contentType: named.doc.kind === "evidence" ? "application/octet-stream" : "application/pdf",
        });
        return { statusCode: 303, headers: { location: url, "cache-control": "no-store" }, body: "" };
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
