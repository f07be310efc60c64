/**
 * The staff session on the shared middy stack (shared/http/staff-session.ts): a valid session cookie's claims
 * reach the handler where the JWT authorizer puts them; an auditor's session is refused on a POST before the
 * handler runs (not on the sign-in's own routes); a browser's GET of a page without a session is sent to sign in.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalStaff } from "#infra/local/staff.ts";
import { localStaffSessions } from "#shared/adapters/local-staff-sessions.ts";
import { SESSION_COOKIE } from "#shared/auth/cookies.ts";
import { type HttpEvent, type HttpHandlerOptions, httpHandler } from "#shared/http/http-handler.ts";
import { requireRole } from "#shared/http/staff-auth.ts";
import { httpEvent, lambdaContext } from "../fixtures/http-event.ts";

const dir = mkdtempSync(join(tmpdir(), "partnerflow-session-"));
const sessions: Record<string, string> = {};
beforeAll(() => {
  process.env.STAFF_DIR = dir;
  const local = localStaffSessions(dir).signIn;
  for (const issued of new LocalStaff(dir).seed())
    sessions[issued.role] = local.kind === "local" ? (local.exchange(issued.token) ?? "") : "";
});
afterAll(() => {
  delete process.env.STAFF_DIR;
  rmSync(dir, { recursive: true, force: true });
});

function stack(options: HttpHandlerOptions) {
  const seen: HttpEvent[] = [];
  const handler = httpHandler(async (event) => {
    seen.push(event);
    requireRole(event, ["officer", "lead", "auditor"]);
    return { statusCode: 200, headers: { "content-type": "text/plain" }, body: "ok" };
  }, options);
  return { seen, call: (event: HttpEvent) => handler(event, lambdaContext) };
}

const withSession = (event: HttpEvent, role: string): HttpEvent => ({
  ...event,
  cookies: ["other=1", `${SESSION_COOKIE}=${sessions[role]}`],
});
const form = (path: string) =>
  httpEvent(`POST ${path}`, {
    body: "a=1",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

describe("the staff session on every HTTP handler", () => {
  it("hands the handler a session's claims as the JWT authorizer does", async () => {
    const { seen, call } = stack({ body: "none", respond: "html" });
    expect((await call(withSession(httpEvent("GET /console/inbox"), "officer"))).statusCode).toBe(200);
    const context = seen[0]?.requestContext as unknown as
      | { authorizer?: { jwt?: { claims?: Record<string, string> } } }
      | undefined;
    const claims = context?.authorizer?.jwt?.claims ?? {};
    expect(claims).toMatchObject({
      email: "officer@example.org",
      "cognito:groups": "[officers]",
      token_use: "id",
    });
    expect(typeof claims.exp).toBe("string");
  });

  it("keeps the claims an authorizer gave", async () => {
    const { seen, call } = stack({ body: "none", respond: "json" });
    const event = withSession(httpEvent("GET /api/audit/partnerships"), "officer");
    (event.requestContext as unknown as Record<string, unknown>).authorizer = {
      jwt: { claims: { sub: "bearer-user", "cognito:groups": "[auditors]" }, scopes: [] },
    };
    await call(event);
    expect(JSON.stringify(seen[0]?.requestContext)).toContain("bearer-user");
  });

  it("refuses an auditor's session on a POST before the handler runs (403), not an officer's or a lead's", async () => {
    const { seen, call } = stack({ body: "form", respond: "html" });
    const refused = await call(withSession(form("/decisions/{token}"), "auditor"));
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Auditors can read everything but change nothing");
    expect(seen).toHaveLength(0);
    for (const role of ["officer", "lead"])
      expect((await call(withSession(form("/decisions/{token}"), role))).statusCode).toBe(200);
  });

  it("lets an auditor post to the sign-in's own routes", async () => {
    const { call } = stack({ body: "form", respond: "html", auditorsMayPost: true });
    expect((await call(withSession(form("/sign-out"), "auditor"))).statusCode).toBe(200);
  });

  it("sends a browser's GET of a page without a valid session to sign in, coming back to it; an API answers 401", async () => {
    const page = stack({ body: "none", respond: "html" });
    const event = {
      ...httpEvent("GET /console/inbox"),
      rawQueryString: "a=1&b=2",
      cookies: [`${SESSION_COOKIE}=x.y.z`],
    };
    const res = await page.call(event);
    expect(res.statusCode).toBe(303);
    expect(res.headers?.location).toBe(`/sign-in?next=${encodeURIComponent("/console/inbox?a=1&b=2")}`);
    expect(res.headers?.["content-security-policy"]).toBeDefined();
    const posted = await stack({ body: "form", respond: "html" }).call(form("/console/x"));
    expect(posted.statusCode).toBe(401);
    const api = await stack({ body: "none", respond: "json" }).call(httpEvent("GET /api/audit/partnerships"));
    expect(api.statusCode).toBe(401);
  });
});
