/**
 * GET /api/schema/intake : the intake JSON Schema, generated from the zod schema by `npm run schema` (a unit
 * test holds the file to the zod schema), so that a cold start does not build and convert the zod schema.
 */
import { httpHandler } from "#shared/http/http-handler.ts";
import intakeJsonSchema from "#shared/schemas/intake.schema.json" with { type: "json" };

const schema = JSON.stringify(intakeJsonSchema);

export const handler = httpHandler(
  async () => ({ statusCode: 200, headers: { "content-type": "application/schema+json" }, body: schema }),
  { body: "none", respond: "json" },
);
