/**
 * The staff's session on every HTTP route: a valid session cookie (shared/auth/cookies.ts) puts its claims
 * where the HTTP API's JWT authorizer puts a bearer token's (`requestContext.authorizer.jwt.claims`, each
 * value a string as API Gateway gives them, groups as "[officers leads]"), so that no handler knows which it
 * ran behind; claims an authorizer already gave win. And auditors are read-only: a request that could change
 * state (any method but GET and HEAD) from a principal who is an auditor and neither officer nor lead is
 * refused with 403 before the handler runs, decision links included. The sign-in's own routes are let through
 * (an auditor signs in and out too). A request with no session is not touched: partners never sign in, their
 * links are their credentials; a page that needs one refuses it (requireRole: 401, which httpHandler answers
 * a browser with a redirect to the sign-in page).
 */
import type middy from "@middy/core";
import { staffSessionsFromEnv } from "../adapters/staff-sessions-from-env.ts";
import { parseCookies, SESSION_COOKIE } from "../auth/cookies.ts";
import { type Claims, hasAnyRole, principalOf } from "../domain/staff.ts";
import type { HttpEvent } from "./http-handler.ts";
import { ForbiddenError } from "./problems.ts";
import { claimsOf } from "./staff-auth.ts";

/** The methods that change nothing. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The session cookie's value, from API Gateway's `cookies` or (a test's, a proxy's) Cookie header. */
export function sessionTokenOf(event: HttpEvent): string | undefined {
  const header = event.headers?.cookie;
  return parseCookies([...(event.cookies ?? []), ...(header ? [header] : [])]).get(SESSION_COOKIE);
}

/** Claims as API Gateway's JWT authorizer hands them: strings, an array as "[a b]". */
function asAuthorizerClaims(claims: Claims): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? `[${value.join(" ")}]` : String(value);
  }
  return out;
}

export function staffSession(options: { auditorsMayPost?: boolean } = {}): middy.MiddlewareObj<HttpEvent> {
  return {
    before: async ({ event }) => {
      if (!claimsOf(event)) {
        const token = sessionTokenOf(event);
        const claims = token ? await staffSessionsFromEnv()?.verify(token) : undefined;
        if (claims) {
          const context = event.requestContext as unknown as Record<string, unknown>;
          context.authorizer = { jwt: { claims: asAuthorizerClaims(claims), scopes: [] } };
        }
      }
      const method = event.requestContext?.http?.method ?? "GET";
      if (options.auditorsMayPost || SAFE_METHODS.has(method)) return;
      const principal = principalOf(claimsOf(event));
      if (principal && hasAnyRole(principal, ["auditor"]) && !hasAnyRole(principal, ["officer", "lead"]))
        throw new ForbiddenError(
          "Auditors can read everything but change nothing: this would change something.",
        );
    },
  };
}
