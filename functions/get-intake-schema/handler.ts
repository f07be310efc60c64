/** GET /api/schema/intake : the intake JSON Schema, generated from the zod schema. */
import { httpHandler } from "#shared/http/http-handler.ts";
import { intakeJsonSchema } from "#shared/schemas/intake.ts";

const schema = JSON.stringify(intakeJsonSchema());

export const handler = httpHandler(
  async () => ({ statusCode: 200, headers: { "content-type": "application/schema+json" }, body: schema }),
  { body: "none", respond: "json" },
);
