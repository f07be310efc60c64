/** Personal data keys in memory, for tests: a random key per partnership, forgotten on erasure. */
import { randomBytes } from "node:crypto";
import type { DataKey, PersonalDataEraser, PersonalDataKeys } from "../ports/personal-data-keys.ts";

export class InMemoryDataKeys implements PersonalDataKeys, PersonalDataEraser {
  private readonly keys = new Map<string, DataKey>();

  async keyFor(partnershipId: string): Promise<DataKey> {
    const key = this.keys.get(partnershipId) ?? { key: new Uint8Array(randomBytes(32)) };
    this.keys.set(partnershipId, key);
    return key;
  }

  async existingKey(partnershipId: string): Promise<DataKey | undefined> {
    return this.keys.get(partnershipId);
  }

  async erase(partnershipId: string, at: string): Promise<string> {
    const key = this.keys.get(partnershipId);
    if (key && "erasedAt" in key) return key.erasedAt;
    this.keys.set(partnershipId, { erasedAt: at });
    return at;
  }
}
