/**
 * Sealing one personal field with its partnership's 256-bit data key: AES-256-GCM, its associated data binding
 * the partnership's id and the field's label (a value moved to another partnership or field does not open).
 *
 * The IV is synthetic (an HMAC of the associated data and the text, under a key of its own derived from the data
 * key), not random: the same text in the same field seals the same way. The ledger needs that: a step's event
 * drafts are stored as owed and appended later, perhaps by another attempt, which recognises what was appended
 * already by comparing the drafts (pending-effects.ts), and a sealed value copied from META into an event must
 * hash the same in both. It reveals only that two values of the same field of one partnership are equal.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from "node:crypto";

/** How a sealed value begins; a string that does not is plaintext (written before sealing, or not personal). */
export const SEALED_PREFIX = "sealed:v1:";

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldCipher {
  seal(text: string, label: string): string;
  /** The text, or undefined when the value is sealed but does not open (another key, field or partnership). */
  open(value: string, label: string): string | undefined;
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

/** The cipher of one partnership's fields under its data key (32 bytes). */
export function fieldCipher(partnershipId: string, dataKey: Uint8Array): FieldCipher {
  if (dataKey.length !== 32) throw new RangeError("A data key is 32 bytes");
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", dataKey, partnershipId, info, 32));
  const encKey = derive("partnerflow personal data: encryption");
  const ivKey = derive("partnerflow personal data: synthetic iv");
  const aad = (label: string) => Buffer.from(`${partnershipId}\n${label}`, "utf8");
  return {
    // Always sealed, whatever the text: a value that merely begins like a sealed one (a partner may type
    // anything) is personal data too. Reads open every value, so nothing already sealed comes back here.
    seal(text, label) {
      const iv = createHmac("sha256", ivKey)
        .update(aad(label))
        .update("\n")
        .update(text, "utf8")
        .digest()
        .subarray(0, IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", encKey, iv).setAAD(aad(label));
      const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
    },
    open(value, label) {
      if (!isSealed(value)) return value;
      const raw = Buffer.from(value.slice(SEALED_PREFIX.length), "base64url");
      if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv("aes-256-gcm", encKey, raw.subarray(0, IV_BYTES)).setAAD(
          aad(label),
        );
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        return undefined;
      }
    },
  };
}
