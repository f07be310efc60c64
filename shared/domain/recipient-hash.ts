/**
 * How the ledger names an email's recipient without the address: SHA-256 over the partnership's id and the
 * lowercased address. Salted by the partnership, so the same address gives unrelated hashes in two
 * partnerships; one who holds the address can still check that it was this one.
 */
import { sha256Hex } from "./sha256.ts";

export function recipientHash(partnershipId: string, address: string): string {
  return sha256Hex(`${partnershipId}\n${address.trim().toLowerCase()}`);
}
