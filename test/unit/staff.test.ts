/** The principal read from the JWT authorizer's claims, whichever way the groups come. */
import { describe, expect, it } from "vitest";
import { hasAnyRole, principalOf } from "#shared/domain/staff.ts";

describe("principalOf", () => {
  it.each([
    ["an array", ["auditors", "leads"]],
    ["API Gateway's string of an array", "[auditors leads]"],
    ["a comma list", "auditors,leads"],
  ])("reads the groups from %s", (_how, groups) => {
    expect(principalOf({ sub: "u1", email: "a@example.org", "cognito:groups": groups })).toEqual({
      sub: "u1",
      email: "a@example.org",
      roles: ["lead", "auditor"],
    });
  });

  it("knows no one without a subject, and no role from groups not ours", () => {
    expect(principalOf(undefined)).toBeUndefined();
    expect(principalOf({ email: "a@example.org", "cognito:groups": ["auditors"] })).toBeUndefined();
    expect(principalOf({ sub: "u2", "cognito:groups": "[admins]" })).toEqual({
      sub: "u2",
      email: "",
      roles: [],
    });
  });

  it("hasAnyRole", () => {
    const auditor = { sub: "u", email: "", roles: ["auditor"] as const };
    expect(hasAnyRole(auditor, ["auditor", "lead"])).toBe(true);
    expect(hasAnyRole(auditor, ["officer"])).toBe(false);
  });
});
