/**
 * GET /sign-in: the staff's sign-in page (locally, the staff token's form; on AWS, a redirect to Cognito's hosted
 * sign-in, authorization code with PKCE), and GET /auth/callback: the hosted sign-in's way back, which sets the
 * session cookie.
 */
import { signInDepsFromEnv } from "#shared/adapters/sign-in-from-env.ts";
import { httpHandler } from "#shared/http/http-handler.ts";
import { completeHostedSignIn, showSignIn } from "#shared/services/staff-sign-in.ts";

export const handler = httpHandler(
  async (event) => {
    const deps = signInDepsFromEnv();
    const query = event.queryStringParameters ?? {};
    if (event.routeKey.endsWith("/auth/callback")) return completeHostedSignIn(deps, query, event.cookies);
    return showSignIn(deps, query);
  },
  { body: "none", respond: "html", auditorsMayPost: true },
);
