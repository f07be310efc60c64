/** The JSON Schema file GET /api/schema/intake serves is the one the zod intake schema generates. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INTAKE_SCHEMA_FILE } from "#infra/tools/write-intake-schema.ts";
import { intakeJsonSchema } from "#shared/schemas/intake.ts";

describe("intake.schema.json", () => {
  it("is what the zod intake schema generates (run `npm run schema` after changing it)", () => {
    const file: unknown = JSON.parse(readFileSync(INTAKE_SCHEMA_FILE, "utf8"));
    expect(file).toEqual(intakeJsonSchema());
  });
});
