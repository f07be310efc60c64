/** The default needs register is valid configuration and covers every contribution type. */
import { describe, expect, it } from "vitest";
import { DEFAULT_NEEDS_REGISTER } from "#shared/config/needs-register.ts";
import { needsRegisterSchema } from "#shared/config/needs-register-schema.ts";
import { AUDIENCES, CONTRIBUTION_TYPES } from "#shared/schemas/vocabulary.ts";

const needs = DEFAULT_NEEDS_REGISTER.needs;
const firstNeed = () => {
  const need = needs[0];
  if (!need) throw new Error("The default register is empty");
  return need;
};

describe("default needs register", () => {
  it("validates against the register schema", () => {
    expect(needsRegisterSchema.parse(DEFAULT_NEEDS_REGISTER)).toEqual(DEFAULT_NEEDS_REGISTER);
  });

  it("has between 10 and 14 needs with unique ids", () => {
    expect(needs.length).toBeGreaterThanOrEqual(10);
    expect(needs.length).toBeLessThanOrEqual(14);
    expect(new Set(needs.map((n) => n.id)).size).toBe(needs.length);
  });

  it("answers every contribution type with at least one need", () => {
    for (const type of CONTRIBUTION_TYPES) {
      expect(
        needs.some((n) => n.contributionTypes.includes(type)),
        type,
      ).toBe(true);
    }
  });

  it("serves every audience with at least one need", () => {
    for (const audience of AUDIENCES) {
      expect(
        needs.some((n) => n.audiences.includes(audience)),
        audience,
      ).toBe(true);
    }
  });

  it("names the source text of every need", () => {
    for (const need of needs) expect(need.source, need.id).toMatch(/^00[0-4]: /);
  });
});

describe("needs register schema", () => {
  it("rejects a register with the same need id twice", () => {
    const result = needsRegisterSchema.safeParse({ version: "x", needs: [firstNeed(), firstNeed()] });
    expect(result.success).toBe(false);
  });

  it("rejects an id that is not kebab-case, an unknown contribution type and an uppercase keyword", () => {
    const bad = [
      { ...firstNeed(), id: "Career Speakers" },
      { ...firstNeed(), contributionTypes: ["volunteer"] },
      { ...firstNeed(), keywords: ["Co-op"] },
      { ...firstNeed(), audiences: [] },
    ];
    for (const need of bad) {
      expect(
        needsRegisterSchema.safeParse({ version: "x", needs: [need] }).success,
        JSON.stringify(need),
      ).toBe(false);
    }
  });
});
