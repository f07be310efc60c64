/** Identifiers: time-ordered and random, so ids sort by creation and cannot be guessed; or derived from a secret. */
import { createHash, randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID (48-bit time + 80-bit randomness, Crockford base32). */
export function newId(now: Date = new Date(), random: (size: number) => Buffer = randomBytes): string {
  let time = now.getTime();
  let timePart = "";
  for (let i = 0; i < 10; i++) {
    timePart = CROCKFORD.charAt(time % 32) + timePart;
    time = Math.floor(time / 32);
  }
  const bytes = random(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let randomPart = "";
  for (let i = 0; i < 16; i++) {
    randomPart = CROCKFORD.charAt(Number(bits & 31n)) + randomPart;
    bits >>= 5n;
  }
  return timePart + randomPart;
}

/**
 * A ULID-shaped id derived from a secret (a task token): the same secret always gives the same id, so a
 * repeated step finds what its first attempt stored, and the id does not reveal the secret. Not time-ordered.
 */
export function idFromSecret(secret: string): string {
  const digest = createHash("sha256").update(`partnerflow:id:${secret}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 17)) bits = (bits << 8n) | BigInt(byte);
  let id = "";
  for (let i = 0; i < 26; i++) {
    id = CROCKFORD.charAt(Number(bits & 31n)) + id;
    bits >>= 5n;
  }
  return id;
}

export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
