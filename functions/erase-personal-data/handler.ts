/**
 * POST /api/partnerships/{id}/erasure : the office lead erases an ended partnership's personal data (signed in;
 * the lead only). 200 with when it was erased (a repeat answers the same); 409 while the partnership is still
 * under way or still sending its last notice; 404 for no such partnership. Its role reads and writes the table,
 * and holds no KMS permission: erasing destroys the wrapped key, which needs none.
 */
import { personalDataEraserFromEnv } from "#shared/adapters/personal-data-eraser-from-env.ts";
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { ConflictError, foundOr404 } from "#shared/http/problems.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { auditPathSchema } from "#shared/schemas/audit-queries.ts";
import { erasePersonalData } from "#shared/services/erase-personal-data.ts";
import { stageName } from "#shared/web/stage-names.ts";

const deps = { repository: repositoryFromEnv(), clock: systemClock, eraser: personalDataEraserFromEnv() };

export const handler = httpHandler(
  async (event) => {
    const lead = requireRole(event, ["lead"]);
    const { id } = parseOr400(auditPathSchema, event.pathParameters ?? {}, "Not a partnership id");
    const result = await foundOr404(erasePersonalData(deps, id, lead));
    if (!result.ok)
      throw new ConflictError(
        result.reason === "not-ended"
          ? `The partnership has not ended (its stage is “${stageName(result.stage)}”): its personal data can be erased only once it has ended (declined, withdrawn, expired or terminated).`
          : result.reason === "holds-agreement"
            ? "An agreement was issued to this partnership: its PDF names the signatory, and documents cannot be erased yet. Its personal data is kept."
            : "The partnership is still sending its last notice to the partner: try again in a minute.",
      );
    return {
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ erased: true, erasedAt: result.erasedAt, already: result.already }),
    };
  },
  { body: "none", respond: "json" },
);
