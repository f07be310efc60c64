/**
 * Signing staff in and out: the sign-in page (locally the token form, on AWS a redirect to Cognito's hosted
 * sign-in with PKCE), the hosted sign-in's callback, the local token exchange, and signing out. A session is an
 * ID token in the session cookie (shared/auth/cookies.ts); where the browser goes next is only ever a path on
 * this site (shared/auth/next-path.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { APIGatewayProxyStructuredResultV2 as HttpResult } from "aws-lambda";
import {
  clearCookie,
  parseCookies,
  SESSION_COOKIE,
  SESSION_HOURS,
  SIGN_IN_COOKIE,
  SIGN_IN_MINUTES,
  setCookie,
} from "../auth/cookies.ts";
import { safeNext } from "../auth/next-path.ts";
import { type Claims, hasAnyRole, principalOf } from "../domain/staff.ts";
import type { StaffSessions } from "../ports/staff-sessions.ts";
import { html } from "../web/html.ts";
import { htmlResponse, page, SECURITY_HEADERS } from "../web/layout.ts";
import { signInPage } from "../web/sign-in-page.ts";

export interface SignInDeps {
  /** Undefined: this deployment has no staff sign-in configured. */
  readonly sessions: StaffSessions | undefined;
  readonly publicBaseUrl: string;
  readonly officeName?: string | undefined;
}

/** Where a principal lands when nothing else was asked for: officers and the lead their inbox, auditors the list. */
export function homeOf(claims: Claims): string {
  const principal = principalOf(claims);
  return principal && hasAnyRole(principal, ["officer", "lead"]) ? "/console/inbox" : "/console";
}

function redirect(location: string, cookies: string[] = []): HttpResult {
  return { statusCode: 303, headers: { ...SECURITY_HEADERS, location }, cookies, body: "" };
}

function notConfigured(deps: SignInDeps): HttpResult {
  return htmlResponse(
    503,
    page(
      "Sign-in unavailable",
      html`<h1>Sign-in unavailable</h1><p>Staff sign-in is not set up here. Contact whoever runs this installation.</p>`,
      deps.officeName,
    ),
  );
}

/** GET /sign-in: the form (locally), or off to the hosted sign-in with a fresh state and PKCE verifier. */
export function showSignIn(
  deps: SignInDeps,
  query: Readonly<Record<string, string | undefined>>,
): HttpResult {
  const next = safeNext(query.next);
  const { sessions } = deps;
  if (!sessions) return notConfigured(deps);
  if (sessions.signIn.kind === "local")
    return htmlResponse(
      200,
      signInPage({ next, signedOut: query["signed-out"] === "1", officeName: deps.officeName }),
    );
  const state = randomBytes(32).toString("base64url");
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const transaction = Buffer.from(JSON.stringify({ state, verifier, next })).toString("base64url");
  return redirect(
    sessions.signIn.authorizeUrl({ state, codeChallenge: challenge, redirectUri: callbackUrl(deps) }),
    [setCookie(SIGN_IN_COOKIE, transaction, SIGN_IN_MINUTES * 60)],
  );
}

const callbackUrl = (deps: SignInDeps) => new URL("/auth/callback", deps.publicBaseUrl).toString();

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function refusedCallback(deps: SignInDeps): HttpResult {
  return {
    ...htmlResponse(
      400,
      page(
        "Sign-in not completed",
        html`<h1>Sign-in not completed</h1><p>This sign-in could not be completed: it took more than ${SIGN_IN_MINUTES} minutes, was started in another browser, or was refused. <a href="/sign-in">Sign in again</a>.</p>`,
        deps.officeName,
      ),
    ),
    cookies: [clearCookie(SIGN_IN_COOKIE)],
  };
}

/** GET /auth/callback: the hosted sign-in's code, for this browser's attempt (state), exchanged with its verifier. */
export async function completeHostedSignIn(
  deps: SignInDeps,
  query: Readonly<Record<string, string | undefined>>,
  cookies: readonly string[] | undefined,
): Promise<HttpResult> {
  const { sessions } = deps;
  if (sessions?.signIn.kind !== "hosted") return notConfigured(deps);
  const raw = parseCookies(cookies).get(SIGN_IN_COOKIE);
  let transaction: { state?: unknown; verifier?: unknown; next?: unknown } = {};
  try {
    transaction = raw ? JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) : {};
  } catch {
    transaction = {};
  }
  const { state, verifier } = transaction;
  if (
    typeof state !== "string" ||
    typeof verifier !== "string" ||
    !query.code ||
    !query.state ||
    !sameSecret(state, query.state)
  )
    return refusedCallback(deps);
  const idToken = await sessions.signIn.exchangeCode({
    code: query.code,
    codeVerifier: verifier,
    redirectUri: callbackUrl(deps),
  });
  const claims = idToken ? await sessions.verify(idToken) : undefined;
  if (!idToken || !claims) return refusedCallback(deps);
  const next = safeNext(typeof transaction.next === "string" ? transaction.next : undefined);
  return redirect(next ?? homeOf(claims), [
    setCookie(SESSION_COOKIE, idToken, SESSION_HOURS * 3600),
    clearCookie(SIGN_IN_COOKIE),
  ]);
}

/** POST /sign-in (locally): a staff token for a session; a wrong one gets the form again, with a 401. */
export async function exchangeStaffToken(
  deps: SignInDeps,
  fields: { token?: string | undefined; next?: string | undefined },
): Promise<HttpResult> {
  const { sessions } = deps;
  if (!sessions) return notConfigured(deps);
  const next = safeNext(fields.next);
  if (sessions.signIn.kind !== "local")
    return redirect(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  const idToken = fields.token ? sessions.signIn.exchange(fields.token) : undefined;
  const claims = idToken ? await sessions.verify(idToken) : undefined;
  if (!idToken || !claims)
    return htmlResponse(401, signInPage({ next, refused: true, officeName: deps.officeName }));
  return redirect(next ?? homeOf(claims), [setCookie(SESSION_COOKIE, idToken, SESSION_HOURS * 3600)]);
}

/** POST /sign-out: the session cookie cleared (on AWS, the hosted sign-in's own session too). */
export function signOut(deps: SignInDeps): HttpResult {
  const signIn = deps.sessions?.signIn;
  const next =
    signIn?.kind === "hosted"
      ? signIn.logoutUrl(new URL("/sign-in", deps.publicBaseUrl).toString())
      : "/sign-in?signed-out=1";
  return redirect(next, [clearCookie(SESSION_COOKIE)]);
}
