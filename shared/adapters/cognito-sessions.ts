/**
 * Staff sessions on AWS: Cognito's hosted sign-in (authorization code with PKCE, a public client: no secret),
 * and its ID tokens checked against the pool's published keys (fetched once per container, again when a token
 * names a key not yet seen, at most once a minute: Cognito rotates them).
 */
import type { KeyObject } from "node:crypto";
import { rsaKeyOf, verifyIdToken } from "../auth/id-token.ts";
import type { Claims } from "../domain/staff.ts";
import type { StaffSessions } from "../ports/staff-sessions.ts";

export interface CognitoSettings {
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** The hosted sign-in's base URL, https://<prefix>.auth.<region>.amazoncognito.com. */
  readonly signInUrl: string;
}

/** How long after fetching the pool's keys an unknown key id may fetch them again. */
export const KEYS_REFETCH_MS = 60_000;

export function cognitoSessions(
  settings: CognitoSettings,
  fetcher: typeof fetch = fetch,
  now: () => Date = () => new Date(),
): StaffSessions {
  const issuer = `https://cognito-idp.${settings.region}.amazonaws.com/${settings.userPoolId}`;
  let keys: Map<string, KeyObject> | undefined;
  const loadKeys = async () => {
    const response = await fetcher(`${issuer}/.well-known/jwks.json`);
    if (!response.ok) throw new Error(`The user pool's keys could not be read (${response.status})`);
    const body = (await response.json()) as { keys?: Record<string, unknown>[] };
    const loaded = new Map<string, KeyObject>();
    for (const jwk of body.keys ?? []) {
      const key = rsaKeyOf(jwk);
      if (key && typeof jwk.kid === "string") loaded.set(jwk.kid, key);
    }
    keys = loaded;
    return loaded;
  };
  // A key not yet seen is looked for again at most once a minute: a forged cookie naming any kid must not make
  // every request fetch the keys. Keys that cannot be read are no keys: the request has no session (not a 500).
  let loadedAt = Number.NEGATIVE_INFINITY;
  const reload = async () => {
    if (keys && now().getTime() - loadedAt < KEYS_REFETCH_MS) return keys;
    loadedAt = now().getTime();
    return loadKeys().catch(() => keys ?? new Map<string, KeyObject>());
  };
  const keyFor = async (kid: string) => (keys ?? (await reload())).get(kid) ?? (await reload()).get(kid);
  return {
    async verify(idToken: string): Promise<Claims | undefined> {
      const verdict = await verifyIdToken(idToken, {
        issuer,
        audience: settings.clientId,
        key: keyFor,
        now: now(),
      });
      return verdict.ok ? verdict.claims : undefined;
    },
    signIn: {
      kind: "hosted",
      authorizeUrl({ state, codeChallenge, redirectUri }) {
        const url = new URL("/oauth2/authorize", settings.signInUrl);
        url.search = new URLSearchParams({
          response_type: "code",
          client_id: settings.clientId,
          redirect_uri: redirectUri,
          scope: "openid email",
          state,
          code_challenge: codeChallenge,
          code_challenge_method: "S256",
        }).toString();
        return url.toString();
      },
      logoutUrl(returnTo) {
        const url = new URL("/logout", settings.signInUrl);
        url.search = new URLSearchParams({ client_id: settings.clientId, logout_uri: returnTo }).toString();
        return url.toString();
      },
      async exchangeCode({ code, codeVerifier, redirectUri }) {
        const response = await fetcher(new URL("/oauth2/token", settings.signInUrl), {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "authorization_code",
            client_id: settings.clientId,
            code,
            code_verifier: codeVerifier,
            redirect_uri: redirectUri,
          }).toString(),
        });
        if (!response.ok) return undefined;
        const body = (await response.json()) as { id_token?: unknown };
        return typeof body.id_token === "string" ? body.id_token : undefined;
      },
    },
  };
}
