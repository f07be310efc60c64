/**
 * Staff sessions: the ID token a session cookie holds, checked into the claims the HTTP API's JWT authorizer
 * would hand a handler; and how one is made. On AWS (shared/adapters/cognito-sessions.ts) Cognito's hosted
 * sign-in makes it (authorization code with PKCE); locally (shared/adapters/local-staff-sessions.ts) a staff
 * token (infra/local/staff.ts) is exchanged for one the local stand-in signs.
 */
import type { Claims } from "../domain/staff.ts";

export interface StaffSessions {
  /** The claims of a session's ID token, or undefined when it is malformed, forged, expired or not ours. */
  verify(idToken: string): Promise<Claims | undefined>;
  /** How staff sign in here. */
  readonly signIn: LocalSignIn | HostedSignIn;
}

/** Locally: a staff token, pasted into the sign-in page, exchanged for an ID token. */
export interface LocalSignIn {
  readonly kind: "local";
  /** The ID token for the user the staff token signs in, or undefined (unknown, revoked, malformed). */
  exchange(staffToken: string): string | undefined;
}

/** On AWS: Cognito's hosted sign-in, authorization code with PKCE. */
export interface HostedSignIn {
  readonly kind: "hosted";
  /** The hosted sign-in page's URL for this attempt. */
  authorizeUrl(request: { state: string; codeChallenge: string; redirectUri: string }): string;
  /** The ID token the code is exchanged for (with the verifier), or undefined when refused. */
  exchangeCode(request: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<string | undefined>;
  /** The hosted sign-in's sign-out, which then sends the browser to `returnTo`. */
  logoutUrl(returnTo: string): string;
}
