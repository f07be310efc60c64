/**
 * The staff's cookies: the session (a signed ID token, 8 hours) and, on AWS, the sign-in's short-lived
 * transaction (state, PKCE verifier and where to go next, 10 minutes). Both `__Host-` (Secure, Path=/, no
 * Domain: only this host sets or reads them; Chromium accepts it on http://127.0.0.1 too), HttpOnly, and
 * SameSite=Lax: the session must come with a link followed from an email (a cross-site top-level GET, which
 * Strict would send without it), and the transaction with the hosted sign-in's redirect back; no cross-site
 * POST carries them, and every form that changes state checks its Origin as well (shared/http/same-origin.ts).
 */

export const SESSION_COOKIE = "__Host-partnerflow-session";
export const SIGN_IN_COOKIE = "__Host-partnerflow-sign-in";

/** How long a session lasts (on AWS, the app client's ID token validity, infra/constructs/staff-pool.ts). */
export const SESSION_HOURS = 8;
/** How long a hosted sign-in may take between leaving and coming back. */
export const SIGN_IN_MINUTES = 10;

/**
 * The cookies of a request, by name: API Gateway's `cookies` ("name=value" each) or a Cookie header's
 * "a=1; b=2". A malformed pair is skipped; the first of two with one name wins.
 */
export function parseCookies(cookies: readonly string[] | undefined): Map<string, string> {
  const found = new Map<string, string>();
  for (const pair of (cookies ?? []).flatMap((c) => c.split(";"))) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    const raw = pair.slice(at + 1).trim();
    if (!name || found.has(name)) continue;
    try {
      found.set(name, decodeURIComponent(raw));
    } catch {
      // A value that is not valid percent-encoding is no value of ours.
    }
  }
  return found;
}

/** A Set-Cookie value for one of our cookies; `maxAgeSeconds` 0 clears it. */
export function setCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Lax`;
}

/** The Set-Cookie value that clears a cookie. */
export function clearCookie(name: string): string {
  return setCookie(name, "", 0);
}
