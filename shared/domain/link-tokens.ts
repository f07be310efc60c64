/** Capability links: 256-bit random tokens, stored only as their SHA-256, expiring and single use. */
import { createHash, randomBytes } from "node:crypto";
import { LinkExpiredError, LinkNotFoundError, LinkUsedError } from "./errors.ts";

export const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface MintedToken {
  /** Goes into the email link only; never stored, never logged. */
  token: string;
  /** What the table keeps. */
  hash: string;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function mintToken(random: (size: number) => Buffer = randomBytes): MintedToken {
  const token = random(TOKEN_BYTES).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export interface LinkState {
  expiresAt: string;
  usedAt?: string | undefined;
  singleUse: boolean;
}

/** Throws the named error that says why a link can no longer be used at `now`. */
export function assertLinkUsable(link: LinkState | undefined, now: Date): asserts link is LinkState {
  if (!link) throw new LinkNotFoundError("This link is not known");
  if (link.singleUse && link.usedAt) throw new LinkUsedError("This link has already been used");
  if (Date.parse(link.expiresAt) <= now.getTime()) throw new LinkExpiredError("This link has expired");
}
