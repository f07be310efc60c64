/**
 * Each partnership's own data key for its personal fields: made on first use, and destroyed by an erasure, after
 * which the partnership's sealed fields can no longer be opened. On AWS a KMS data key kept wrapped on the
 * partnership's key item; locally a key file under DATA_DIR; in tests, memory.
 */

/** A partnership's key, or the fact that it was erased (and when). */
export type DataKey = { key: Uint8Array } | { erasedAt: string };

export interface PersonalDataKeys {
  /** The partnership's key, made now if it has none; an erased one stays erased (no new key is made). */
  keyFor(partnershipId: string): Promise<DataKey>;
  /** The key if one was made (undefined if none ever was), without making one. */
  existingKey(partnershipId: string): Promise<DataKey | undefined>;
}

/** Destroys a partnership's key for good (the key's place keeps when it was erased). Idempotent. */
export interface PersonalDataEraser {
  /** When the key was erased: now, or at an earlier erasure. */
  erase(partnershipId: string, at: string): Promise<string>;
}
