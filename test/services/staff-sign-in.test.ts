/**
 * Signing staff in, on AWS (Cognito's hosted sign-in, code + PKCE, against a stand-in for Cognito's endpoints)
 * and locally (a staff token exchanged for a session): where the browser goes, the cookies set, and what is
 * refused (another browser's state, a code Cognito refuses, a token nobody holds).
 */
import { createHash, createSign, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalStaff } from "#infra/local/staff.ts";
import { cognitoSessions, KEYS_REFETCH_MS } from "#shared/adapters/cognito-sessions.ts";
import { localStaffSessions } from "#shared/adapters/local-staff-sessions.ts";
import { parseCookies, SESSION_COOKIE, SIGN_IN_COOKIE } from "#shared/auth/cookies.ts";
import {
  completeHostedSignIn,
  exchangeStaffToken,
  showSignIn,
  signOut,
} from "#shared/services/staff-sign-in.ts";

const BASE = "https://partners.example.org";
const POOL = {
  region: "eu-west-1",
  userPoolId: "eu-west-1_Pool",
  clientId: "client-1",
  signInUrl: "https://staff.auth.eu-west-1.amazoncognito.com",
};
const ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL.userPoolId}`;
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });

function idToken(claims: Record<string, unknown>): string {
  const head = Buffer.from(JSON.stringify({ alg: "RS256", kid: "key-1" })).toString("base64url");
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signer = createSign("sha256");
  signer.update(`${head}.${body}`);
  return `${head}.${body}.${signer.sign(rsa.privateKey).toString("base64url")}`;
}

const now = Math.floor(Date.now() / 1000);
const AUDITOR_TOKEN = idToken({
  sub: "s-1",
  email: "auditor@example.org",
  "cognito:groups": ["auditors"],
  iss: ISSUER,
  aud: POOL.clientId,
  token_use: "id",
  iat: now,
  exp: now + 8 * 3600,
});

/** Cognito's JWKS and token endpoints: the code "good-code" with the verifier whose challenge was sent. */
function fakeCognito(expectedChallenge: () => string | undefined) {
  const calls: string[] = [];
  const fetcher = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push(url);
    if (url === `${ISSUER}/.well-known/jwks.json`)
      return Response.json({ keys: [{ ...rsa.publicKey.export({ format: "jwk" }), kid: "key-1" }] });
    if (url === `${POOL.signInUrl}/oauth2/token`) {
      const form = new URLSearchParams(String(init?.body));
      const challenge = createHash("sha256")
        .update(form.get("code_verifier") ?? "")
        .digest("base64url");
      const ok =
        form.get("code") === "good-code" &&
        challenge === expectedChallenge() &&
        form.get("client_id") === POOL.clientId &&
        form.get("redirect_uri") === `${BASE}/auth/callback`;
      return ok
        ? Response.json({ id_token: AUDITOR_TOKEN })
        : Response.json({ error: "invalid_grant" }, { status: 400 });
    }
    return new Response("", { status: 404 });
  }) as typeof fetch;
  return { fetcher, calls };
}

describe("the hosted sign-in (AWS)", () => {
  let challenge: string | undefined;
  const cognito = fakeCognito(() => challenge);
  const deps = { sessions: cognitoSessions(POOL, cognito.fetcher), publicBaseUrl: BASE };

  it("sends the browser to Cognito with a state and an S256 challenge, kept in a short-lived cookie", async () => {
    const res = showSignIn(deps, { next: "/console/partnerships/p-1" });
    expect(res.statusCode).toBe(303);
    const location = new URL(String(res.headers?.location));
    expect(`${location.origin}${location.pathname}`).toBe(`${POOL.signInUrl}/oauth2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: "code",
      client_id: POOL.clientId,
      redirect_uri: `${BASE}/auth/callback`,
      code_challenge_method: "S256",
      scope: "openid email",
    });
    challenge = location.searchParams.get("code_challenge") ?? undefined;
    const cookie = res.cookies?.[0] ?? "";
    expect(cookie).toMatch(
      /^__Host-partnerflow-sign-in=[^;]+; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/,
    );
    // The verifier stays in the cookie, never in the URL.
    expect(location.toString()).not.toContain("verifier");

    const state = location.searchParams.get("state") ?? "";
    const back = await completeHostedSignIn(deps, { code: "good-code", state }, [cookie.split(";")[0] ?? ""]);
    expect(back.statusCode).toBe(303);
    expect(back.headers?.location).toBe("/console/partnerships/p-1");
    const set = parseCookies(back.cookies?.map((c) => c.split(";")[0] ?? ""));
    expect(set.get(SESSION_COOKIE)).toBe(AUDITOR_TOKEN);
    expect(set.get(SIGN_IN_COOKIE)).toBe("");
    expect(await deps.sessions.verify(AUDITOR_TOKEN)).toMatchObject({ email: "auditor@example.org" });
  });

  it("refuses a callback whose state is not this browser's, without asking Cognito", async () => {
    const start = showSignIn(deps, {});
    const cookie = (start.cookies?.[0] ?? "").split(";")[0] ?? "";
    const before = cognito.calls.length;
    const res = await completeHostedSignIn(deps, { code: "good-code", state: "someone-elses" }, [cookie]);
    expect(res.statusCode).toBe(400);
    expect(res.cookies).toEqual([expect.stringMatching(/^__Host-partnerflow-sign-in=; /)]);
    expect(cognito.calls.length).toBe(before);
    expect((await completeHostedSignIn(deps, { code: "good-code", state: "x" }, [])).statusCode).toBe(400);
  });

  it("refuses a code Cognito refuses", async () => {
    const start = showSignIn(deps, {});
    const state = new URL(String(start.headers?.location)).searchParams.get("state") ?? "";
    const cookie = (start.cookies?.[0] ?? "").split(";")[0] ?? "";
    const res = await completeHostedSignIn(deps, { code: "stolen-code", state }, [cookie]);
    expect(res.statusCode).toBe(400);
    expect(res.cookies?.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });

  it("signs out through Cognito's logout, back to the sign-in page", () => {
    const res = signOut(deps);
    const location = new URL(String(res.headers?.location));
    expect(`${location.origin}${location.pathname}`).toBe(`${POOL.signInUrl}/logout`);
    expect(location.searchParams.get("logout_uri")).toBe(`${BASE}/sign-in`);
    expect(res.cookies?.[0]).toMatch(/^__Host-partnerflow-session=; Path=\/; Max-Age=0;/);
  });
});

describe("the user pool's keys (AWS)", () => {
  /** A token like AUDITOR_TOKEN, naming another key id. */
  function forged(kid: string): string {
    const [, body, signature] = AUDITOR_TOKEN.split(".");
    const head = Buffer.from(JSON.stringify({ alg: "RS256", kid })).toString("base64url");
    return `${head}.${body}.${signature}`;
  }

  it("fetches them again for an unknown key at most once a minute, and takes unreadable keys for no session", async () => {
    let clock = new Date(); // AUDITOR_TOKEN is valid from now, for 8 hours
    let fetches = 0;
    let down = false;
    const fetcher = (async () => {
      fetches += 1;
      if (down) return new Response("", { status: 503 });
      return Response.json({ keys: [{ ...rsa.publicKey.export({ format: "jwk" }), kid: "key-1" }] });
    }) as unknown as typeof fetch;
    const sessions = cognitoSessions(POOL, fetcher, () => clock);
    expect(await sessions.verify(AUDITOR_TOKEN)).toMatchObject({ email: "auditor@example.org" });
    expect(fetches).toBe(1);
    for (let i = 0; i < 20; i++) expect(await sessions.verify(forged(`junk-${i}`))).toBeUndefined();
    expect(fetches).toBe(1);
    clock = new Date(clock.getTime() + KEYS_REFETCH_MS + 1);
    down = true;
    expect(await sessions.verify(forged("junk-late"))).toBeUndefined();
    expect(fetches).toBe(2);
    // The keys already read still serve.
    expect(await sessions.verify(AUDITOR_TOKEN)).toMatchObject({ email: "auditor@example.org" });
  });
});

describe("the local sign-in", () => {
  const dir = mkdtempSync(join(tmpdir(), "partnerflow-staff-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const staff = new LocalStaff(dir);
  const [officer, , auditor] = staff.seed();
  const deps = { sessions: localStaffSessions(dir), publicBaseUrl: BASE };

  it("shows the form, carrying only a safe next", () => {
    const res = showSignIn(deps, { next: "//evil.example" });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("evil.example");
    expect(showSignIn(deps, { next: "/console" }).body).toContain('name="next" value="/console"');
  });

  it("exchanges a staff token for a session whose claims are the user's; officers land on the inbox, auditors on the list", async () => {
    const res = await exchangeStaffToken(deps, { token: officer?.token });
    expect(res.headers?.location).toBe("/console/inbox");
    const session = parseCookies(res.cookies?.map((c) => c.split(";")[0] ?? "")).get(SESSION_COOKIE) ?? "";
    expect(await deps.sessions.verify(session)).toMatchObject({
      email: "officer@example.org",
      "cognito:groups": ["officers"],
      iss: "partnerflow-local-staff",
      token_use: "id",
    });
    expect((await exchangeStaffToken(deps, { token: auditor?.token })).headers?.location).toBe("/console");
  });

  it("refuses a token nobody holds with the form again (401), and ends a revoked user's session at once", async () => {
    const wrong = await exchangeStaffToken(deps, { token: "A".repeat(43) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain("signs nobody in");
    expect(wrong.cookies).toBeUndefined();
    const res = await exchangeStaffToken(deps, { token: auditor?.token });
    const session = parseCookies(res.cookies?.map((c) => c.split(";")[0] ?? "")).get(SESSION_COOKIE) ?? "";
    staff.revoke("auditor@example.org");
    expect(await deps.sessions.verify(session)).toBeUndefined();
  });

  it("answers 503 where no sign-in is set up", async () => {
    expect(showSignIn({ sessions: undefined, publicBaseUrl: BASE }, {}).statusCode).toBe(503);
  });
});
