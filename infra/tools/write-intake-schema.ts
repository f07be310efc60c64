/**
 * Writes shared/schemas/intake.schema.json, the JSON Schema that GET /api/schema/intake serves, from the zod
 * intake schema. Run `npm run schema` after changing shared/schemas/intake.ts; a unit test fails until then.
 * The function serves the file rather than generating it at each cold start (zod's JSON Schema generation
 * was ~15 ms of its init, as `npm run bench` measures).
 */
import { writeFileSync } from "node:fs";
import { intakeJsonSchema } from "#shared/schemas/intake.ts";

export const INTAKE_SCHEMA_FILE = new URL("../../shared/schemas/intake.schema.json", import.meta.url);

if (import.meta.main) {
  writeFileSync(INTAKE_SCHEMA_FILE, `${JSON.stringify(intakeJsonSchema(), null, 2)}\n`);
  console.log(`wrote ${INTAKE_SCHEMA_FILE.pathname}`);
}
