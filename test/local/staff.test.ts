/** The local staff users: seeded once, tokens shown once and kept hashed, added, replaced, revoked. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalStaff } from "#infra/local/staff.ts";
import { configuredStaff } from "#shared/adapters/local-staff.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "partnerflow-staff-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("local staff users", () => {
  it("seeds one officer, one lead and one auditor on an empty DATA_DIR, once; the file holds no token", () => {
    const staff = new LocalStaff(dir);
    const issued = staff.seed();
    expect(issued.map((i) => [i.role, i.email])).toEqual([
      ["officer", "officer@example.org"],
      ["lead", "lead@example.org"],
      ["auditor", "auditor@example.org"],
    ]);
    for (const { token } of issued) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new LocalStaff(dir).seed()).toEqual([]);
    const file = readFileSync(join(dir, "staff.json"), "utf8");
    for (const { token } of issued) expect(file).not.toContain(token);
  });

  it("seeds, at npm start, every configured officer (steps go to any of them), the lead and an auditor", () => {
    const users = configuredStaff({
      OFFICER_EMAILS: ["officer@example.org", "Second.Officer@example.org"],
      LEAD_EMAIL: "lead@example.org",
    });
    const issued = new LocalStaff(dir).seed(new Date(), users);
    expect(issued.map((i) => [i.role, i.email])).toEqual([
      ["officer", "officer@example.org"],
      ["officer", "second.officer@example.org"],
      ["lead", "lead@example.org"],
      ["auditor", "auditor@example.org"],
    ]);
    const second = issued[1]?.token ?? "";
    expect(new LocalStaff(dir).claimsFor(second)).toMatchObject({ email: "second.officer@example.org" });
  });

  it("signs a token in with the claims the JWT authorizer gives; a wrong or revoked one, not", () => {
    const staff = new LocalStaff(dir);
    const [, , auditor] = staff.seed();
    const claims = staff.claimsFor(auditor?.token ?? "");
    expect(claims).toMatchObject({ email: "auditor@example.org", "cognito:groups": "[auditors]" });
    expect(claims?.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(staff.claimsFor("A".repeat(43))).toBeUndefined();
    expect(staff.claimsFor("not a token")).toBeUndefined();
    expect(staff.revoke("AUDITOR@example.org")).toBe(true);
    expect(staff.claimsFor(auditor?.token ?? "")).toBeUndefined();
    expect(staff.revoke("auditor@example.org")).toBe(false);
  });

  it("signs no one in with a hash damaged in the file (rather than failing every sign-in)", () => {
    const staff = new LocalStaff(dir);
    const [officer] = staff.seed();
    const file = join(dir, "staff.json");
    const contents = JSON.parse(readFileSync(file, "utf8")) as { users: { tokenHash: string }[] };
    const first = contents.users[0];
    if (first) first.tokenHash = "abc";
    writeFileSync(file, JSON.stringify(contents));
    expect(staff.claimsFor(officer?.token ?? "")).toBeUndefined();
  });

  it("adds a user, or gives one a new token that replaces the old; refuses an unknown role or a bad address", () => {
    const staff = new LocalStaff(dir);
    const first = staff.add("officer", "Sam@Example.org");
    expect(first.email).toBe("sam@example.org");
    const second = staff.add("lead", "sam@example.org");
    expect(staff.claimsFor(first.token)).toBeUndefined();
    expect(staff.claimsFor(second.token)).toMatchObject({ "cognito:groups": "[leads]" });
    expect(staff.list()).toHaveLength(1);
    expect(() => staff.add("admin", "x@example.org")).toThrow(/officer, lead or auditor/);
    expect(() => staff.add("auditor", "nobody")).toThrow(/not an email address/);
  });
});
