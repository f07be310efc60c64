/**
 * The session's pieces: cookie parsing and setting, the `next` path after sign-in (no open redirect), and the
 * ID token's check, each way it fails (expired, wrong issuer, wrong audience, tampered, another key, another
 * algorithm, not an ID token), for the local Ed25519 tokens and Cognito's RS256 ones.
 */
import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clearCookie, parseCookies, SESSION_COOKIE, setCookie } from "#shared/auth/cookies.ts";
import { rsaKeyOf, signIdToken, verifyIdToken } from "#shared/auth/id-token.ts";
import { safeNext } from "#shared/auth/next-path.ts";

describe("parseCookies", () => {
  it("reads API Gateway's cookies and a Cookie header, decoding values; the first of a name wins", () => {
    const cookies = parseCookies(["a=1", "b=x%20y; c=3", "a=2", "broken", "=nameless", "d=%zz"]);
    expect(Object.fromEntries(cookies)).toEqual({ a: "1", b: "x y", c: "3" });
  });

  it("reads nothing from nothing", () => {
    expect(parseCookies(undefined).size).toBe(0);
  });
});

describe("setCookie", () => {
  it("sets a __Host- cookie: Path=/, no Domain, HttpOnly, Secure, SameSite=Lax, for as long as asked", () => {
    expect(setCookie(SESSION_COOKIE, "a.b.c", 28_800)).toBe(
      "__Host-partnerflow-session=a.b.c; Path=/; Max-Age=28800; HttpOnly; Secure; SameSite=Lax",
    );
    expect(clearCookie(SESSION_COOKIE)).toMatch(/^__Host-partnerflow-session=; Path=\/; Max-Age=0;/);
  });
});

describe("safeNext", () => {
  it.each([
    ["/console/inbox", "/console/inbox"],
    ["/console/partnerships/p-1?tab=2", "/console/partnerships/p-1?tab=2"],
    ["/console/../console/inbox", "/console/inbox"],
  ])("keeps the path on this site %s", (next, kept) => {
    expect(safeNext(next)).toBe(kept);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    // Resolved by the URL parser to "//evil.example…": another host, to a browser.
    "/..//evil.example",
    "/a/..//evil.example/x",
    "/.//evil.example/x",
    "/%2e%2e//evil.example",
    "javascript:alert(1)",
    "console/inbox",
    "/console\n/inbox",
    "/sign-in",
    "/sign-out?x=1",
    "/auth/callback",
    "",
    undefined,
    `/${"a".repeat(2001)}`,
  ])("refuses %s", (next) => {
    expect(safeNext(next)).toBeUndefined();
  });
});

const NOW = new Date("2026-12-06T10:00:00Z");
const at = (seconds: number) => Math.floor(NOW.getTime() / 1000) + seconds;
const CLAIMS = {
  sub: "user-1",
  email: "officer@example.org",
  "cognito:groups": ["officers"],
  iss: "issuer-a",
  aud: "client-a",
  token_use: "id",
  iat: at(-60),
  exp: at(3600),
};

const ed = generateKeyPairSync("ed25519");
const other = generateKeyPairSync("ed25519");
const check = (key: KeyObject = ed.publicKey) => ({
  issuer: "issuer-a",
  audience: "client-a",
  key: (kid: string) => (kid === "k1" ? key : undefined),
  now: NOW,
});
const local = (claims: Record<string, unknown>, privateKey = ed.privateKey, kid = "k1") =>
  signIdToken(claims, privateKey, kid);

describe("verifyIdToken", () => {
  it("accepts a good token and gives its claims", async () => {
    expect(await verifyIdToken(local(CLAIMS), check())).toEqual({ ok: true, claims: CLAIMS });
  });

  it.each([
    ["expired", { ...CLAIMS, exp: at(-61) }],
    ["issuer", { ...CLAIMS, iss: "issuer-b" }],
    ["audience", { ...CLAIMS, aud: "client-b" }],
    ["token use", { ...CLAIMS, token_use: "access" }],
    ["not yet valid", { ...CLAIMS, iat: at(3600) }],
    ["expired", { ...CLAIMS, exp: undefined }],
  ])("refuses a token by its claims: %s", async (reason, claims) => {
    expect(await verifyIdToken(local(claims), check())).toEqual({ ok: false, reason });
  });

  it("refuses a tampered token: claims changed after signing", async () => {
    const [head, , signature] = local(CLAIMS).split(".");
    const forged = Buffer.from(JSON.stringify({ ...CLAIMS, "cognito:groups": ["leads"] })).toString(
      "base64url",
    );
    expect(await verifyIdToken(`${head}.${forged}.${signature}`, check())).toEqual({
      ok: false,
      reason: "signature",
    });
  });

  it("refuses a token signed by another key, or naming a key it does not know", async () => {
    expect(await verifyIdToken(local(CLAIMS, other.privateKey), check())).toMatchObject({
      reason: "signature",
    });
    expect(await verifyIdToken(local(CLAIMS, ed.privateKey, "k2"), check())).toMatchObject({
      reason: "unknown key",
    });
  });

  it("refuses an unsigned token (alg none) and a malformed one", async () => {
    const head = Buffer.from(JSON.stringify({ alg: "none", kid: "k1" })).toString("base64url");
    const body = Buffer.from(JSON.stringify(CLAIMS)).toString("base64url");
    expect(await verifyIdToken(`${head}.${body}.`, check())).toEqual({ ok: false, reason: "algorithm" });
    expect(await verifyIdToken("a.b", check())).toEqual({ ok: false, reason: "malformed" });
    expect(await verifyIdToken("not.json.at-all", check())).toEqual({ ok: false, reason: "malformed" });
  });

  it("checks Cognito's RS256 tokens by the pool's JWKS key, and refuses an RS256 header on an Ed25519 key", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = rsa.publicKey.export({ format: "jwk" }) as Record<string, unknown>;
    const publicKey = rsaKeyOf({ ...jwk, kid: "k1" });
    expect(publicKey).toBeDefined();
    const token = rs256(CLAIMS, rsa.privateKey);
    expect(await verifyIdToken(token, check(publicKey))).toEqual({ ok: true, claims: CLAIMS });
    expect(await verifyIdToken(token, check())).toEqual({ ok: false, reason: "algorithm" });
    expect(rsaKeyOf({ kty: "EC" })).toBeUndefined();
  });
});

/** An RS256 token as Cognito signs one. */
function rs256(claims: Record<string, unknown>, privateKey: KeyObject): string {
  const head = Buffer.from(JSON.stringify({ alg: "RS256", kid: "k1" })).toString("base64url");
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signer = createSign("sha256");
  signer.update(`${head}.${body}`);
  return `${head}.${body}.${signer.sign(privateKey).toString("base64url")}`;
}
