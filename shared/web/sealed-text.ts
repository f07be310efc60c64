/**
 * A stored string as a page prints it: each sealed personal value in it (`sealed:v1:…`, domain/field-cipher.ts)
 * said in words, never its ciphertext, which tells a reader nothing and is the audit API's evidence, not the
 * page's. The console reads the ledger as stored (its check must see what was chained), so its actors, its
 * events in words and its signatures may hold sealed values, whole or inside a sentence. An erased value
 * ("erased") and plain text are printed as they are.
 */
import { SEALED_PREFIX } from "../domain/field-cipher.ts";

/** What a sealed value reads on a page. */
export const SEALED_WORDS = "personal data (sealed)";

/** A sealed value: the prefix and its base64url body. */
const SEALED_VALUE = new RegExp(`${SEALED_PREFIX}[A-Za-z0-9_-]*`, "g");

export function readable(stored: string): string {
  return stored.includes(SEALED_PREFIX) ? stored.replace(SEALED_VALUE, SEALED_WORDS) : stored;
}
