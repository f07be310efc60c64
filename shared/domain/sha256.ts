/** SHA-256 as lowercase hex: what an agreement's PDF, a signature and a certificate name a document by. */
import { createHash } from "node:crypto";

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Whether a text is a SHA-256 written as 64 lowercase hex digits. */
export function isSha256Hex(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
