/**
 * The session's ID token: a JWT (RFC 7519) as Cognito issues it on AWS (RS256), or as the local stand-in signs
 * it (EdDSA, infra/local's key). Checked with node:crypto alone: the signature by the key its `kid` names, then
 * `iss`, `aud` (or `client_id`), `token_use` "id" and `exp` (and `nbf`, `iat` not in the future).
 */
import { createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import type { Claims } from "../domain/staff.ts";

/** Seconds of clock skew allowed between the issuer and this function. */
const SKEW_SECONDS = 60;

export interface TokenCheck {
  readonly issuer: string;
  readonly audience: string;
  /** The public key the token's `kid` names, or undefined (an unknown key fails the token). */
  readonly key: (kid: string) => Promise<KeyObject | undefined> | KeyObject | undefined;
  readonly now: Date;
}

export type TokenVerdict =
  | { readonly ok: true; readonly claims: Claims }
  | { readonly ok: false; readonly reason: string };

const ALGORITHMS: Readonly<Record<string, string | null>> = { RS256: "sha256", EdDSA: null };

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  if (!part) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies an ID token: its claims, or why it is refused (for tests and counts; never logged with the token). */
export async function verifyIdToken(token: string, check: TokenCheck): Promise<TokenVerdict> {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [head, body, signature] = parts as [string, string, string];
  const header = decodePart(head);
  const payload = decodePart(body);
  if (!header || !payload) return { ok: false, reason: "malformed" };
  const alg = typeof header.alg === "string" ? header.alg : "";
  if (!Object.hasOwn(ALGORITHMS, alg)) return { ok: false, reason: "algorithm" };
  const key = typeof header.kid === "string" ? await check.key(header.kid) : undefined;
  if (!key) return { ok: false, reason: "unknown key" };
  const keyType = key.asymmetricKeyType;
  if ((alg === "RS256" && keyType !== "rsa") || (alg === "EdDSA" && keyType !== "ed25519"))
    return { ok: false, reason: "algorithm" };
  let valid = false;
  try {
    valid = verify(
      ALGORITHMS[alg] ?? null,
      Buffer.from(`${head}.${body}`),
      key,
      Buffer.from(signature, "base64url"),
    );
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "signature" };
  const now = Math.floor(check.now.getTime() / 1000);
  if (payload.iss !== check.issuer) return { ok: false, reason: "issuer" };
  if ((payload.aud ?? payload.client_id) !== check.audience) return { ok: false, reason: "audience" };
  if (payload.token_use !== "id") return { ok: false, reason: "token use" };
  if (typeof payload.exp !== "number" || payload.exp + SKEW_SECONDS <= now)
    return { ok: false, reason: "expired" };
  if (typeof payload.nbf === "number" && payload.nbf - SKEW_SECONDS > now)
    return { ok: false, reason: "not yet valid" };
  if (typeof payload.iat === "number" && payload.iat - SKEW_SECONDS > now)
    return { ok: false, reason: "not yet valid" };
  return { ok: true, claims: payload as Claims };
}

/** Signs an ID token with an Ed25519 private key (the local stand-in's): header `{alg: "EdDSA", kid}`. */
export function signIdToken(
  claims: Readonly<Record<string, unknown>>,
  privateKey: KeyObject,
  kid: string,
): string {
  const head = Buffer.from(JSON.stringify({ alg: "EdDSA", typ: "JWT", kid })).toString("base64url");
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = sign(null, Buffer.from(`${head}.${body}`), privateKey).toString("base64url");
  return `${head}.${body}.${signature}`;
}

/** An RSA public key from a JWKS entry (Cognito's keys). */
export function rsaKeyOf(jwk: Readonly<Record<string, unknown>>): KeyObject | undefined {
  if (jwk.kty !== "RSA" || typeof jwk.n !== "string" || typeof jwk.e !== "string") return undefined;
  try {
    return createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e }, format: "jwk" });
  } catch {
    return undefined;
  }
}
