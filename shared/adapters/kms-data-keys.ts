/**
 * Personal data keys on AWS: a KMS data key per partnership (GenerateDataKey under the stateful stack's
 * customer-managed key, the partnership's id as encryption context), kept wrapped on the partnership's key item
 * (`PARTNERSHIP#<id> / PERSONAL_DATA_KEY`), and unwrapped with Decrypt. The unwrapped keys are held in the
 * container's memory by their wrapped form (the newest KEY_CACHE_SIZE; one Decrypt per partnership per
 * container, not per field); the item is read at every use, so an erasure, which replaces the item with the
 * record of when it was erased (data-key-eraser.ts, which needs no KMS), takes effect at once: the key left in
 * memory can no longer be reached, and goes with the container.
 */
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DataKey, PersonalDataKeys } from "../ports/personal-data-keys.ts";
import { DATA_KEY_ITEM_TYPE, dataKeyOf as keyOf } from "./data-key-item.ts";

/** How many unwrapped keys a container keeps (the oldest forgotten first). */
export const KEY_CACHE_SIZE = 1000;

const contextOf = (partnershipId: string) => ({ partnershipId });

export class KmsDataKeys implements PersonalDataKeys {
  /** Unwrapped keys by their wrapped form (base64). */
  private readonly cache = new Map<string, Uint8Array>();

  constructor(
    private readonly kms: KMSClient,
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly keyId: string,
  ) {}

  async existingKey(partnershipId: string): Promise<DataKey | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(partnershipId), ConsistentRead: true }),
    );
    const item = out.Item as { wrappedKey?: string; erasedAt?: string } | undefined;
    if (!item) return undefined;
    if (item.erasedAt !== undefined) return { erasedAt: item.erasedAt };
    if (!item.wrappedKey) throw new Error(`The key item of partnership ${partnershipId} holds no key`);
    const cached = this.cache.get(item.wrappedKey);
    if (cached) return { key: cached };
    const plain = await this.kms.send(
      new DecryptCommand({
        CiphertextBlob: Buffer.from(item.wrappedKey, "base64"),
        KeyId: this.keyId,
        EncryptionContext: contextOf(partnershipId),
      }),
    );
    return { key: this.remember(item.wrappedKey, plain.Plaintext) };
  }

  async keyFor(partnershipId: string): Promise<DataKey> {
    const existing = await this.existingKey(partnershipId);
    if (existing) return existing;
    const made = await this.kms.send(
      new GenerateDataKeyCommand({
        KeyId: this.keyId,
        KeySpec: "AES_256",
        EncryptionContext: contextOf(partnershipId),
      }),
    );
    if (!made.CiphertextBlob) throw new Error("KMS returned no data key");
    const wrappedKey = Buffer.from(made.CiphertextBlob).toString("base64");
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keyOf(partnershipId),
            itemType: DATA_KEY_ITEM_TYPE,
            partnershipId,
            wrappedKey,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      // Another first use stored its key first (or an erasure came between): use what is there.
      if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
      return (await this.existingKey(partnershipId)) as DataKey;
    }
    return { key: this.remember(wrappedKey, made.Plaintext) };
  }

  private remember(wrappedKey: string, plaintext: Uint8Array | undefined): Uint8Array {
    if (plaintext?.length !== 32) throw new Error("KMS returned no 256-bit data key");
    const key = new Uint8Array(plaintext);
    if (this.cache.size >= KEY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(wrappedKey, key);
    return key;
  }
}
