/**
 * The personal data key stores keep one contract: in memory, the local key files, and KMS data keys kept wrapped
 * in the table (with aws-sdk-client-mock standing in for KMS and DynamoDB). A key is made once and then the same;
 * erasure destroys it for good and is idempotent; no new key is made after it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { KmsDataKeyEraser } from "#shared/adapters/data-key-eraser.ts";
import { DATA_KEY_SK } from "#shared/adapters/data-key-item.ts";
import { createDocumentClient } from "#shared/adapters/dynamodb-repository.ts";
import { FileDataKeys } from "#shared/adapters/file-data-keys.ts";
import { InMemoryDataKeys } from "#shared/adapters/in-memory-data-keys.ts";
import { KmsDataKeys } from "#shared/adapters/kms-data-keys.ts";
import type { PersonalDataEraser, PersonalDataKeys } from "#shared/ports/personal-data-keys.ts";

const AT = "2026-12-06T09:00:00.000Z";
const LATER = "2026-12-07T09:00:00.000Z";

function describeKeysContract(name: string, make: () => PersonalDataKeys & PersonalDataEraser): void {
  describe(`${name} keeps the personal data keys contract`, () => {
    it("makes a 256-bit key on first use and gives the same one after; none for a partnership never used", async () => {
      const keys = make();
      expect(await keys.existingKey("P1")).toBeUndefined();
      const first = await keys.keyFor("P1");
      expect("key" in first && first.key.length).toBe(32);
      expect(await keys.keyFor("P1")).toEqual(first);
      expect(await keys.existingKey("P1")).toEqual(first);
      const other = await keys.keyFor("P2");
      expect(other).not.toEqual(first);
    });

    it("erases for good, once: the first time stays, and no new key is made after it", async () => {
      const keys = make();
      await keys.keyFor("P1");
      expect(await keys.erase("P1", AT)).toBe(AT);
      expect(await keys.erase("P1", LATER)).toBe(AT);
      expect(await keys.existingKey("P1")).toEqual({ erasedAt: AT });
      expect(await keys.keyFor("P1")).toEqual({ erasedAt: AT });
      // One that never had a key can be erased too: none will be made.
      expect(await keys.erase("P3", AT)).toBe(AT);
      expect(await keys.keyFor("P3")).toEqual({ erasedAt: AT });
    });
  });
}

describeKeysContract("the in-memory store", () => new InMemoryDataKeys());

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "partnerflow-keys-"));
  dirs.push(dir);
  return join(dir, "keys");
};
describeKeysContract("the local key files", () => new FileDataKeys(tempDir()));

describe("the local key files", () => {
  it("are readable by their owner only, and hold no key once erased", async () => {
    const dir = tempDir();
    const keys = new FileDataKeys(dir);
    await keys.keyFor("P1");
    const { statSync } = await import("node:fs");
    expect(statSync(join(dir, "P1.json")).mode & 0o777).toBe(0o600);
    await keys.erase("P1", AT);
    expect(JSON.parse(readFileSync(join(dir, "P1.json"), "utf8"))).toEqual({ erasedAt: AT });
  });

  it("refuse an id that could leave the directory", async () => {
    await expect(new FileDataKeys(tempDir()).keyFor("../x")).rejects.toThrow(RangeError);
  });
});

/** A table and KMS in memory behind the mocked clients: what the KMS store asks, it gets. */
const kms = mockClient(KMSClient);
const ddb = mockClient(DynamoDBDocumentClient);
let items: Map<string, Record<string, unknown>>;
let kmsCalls: string[];

function fakeAws(): void {
  items = new Map();
  kmsCalls = [];
  kms.reset();
  ddb.reset();
  const wrap = (plain: Uint8Array, partnershipId: string) =>
    Buffer.concat([Buffer.from(`wrapped:${partnershipId}:`), Buffer.from(plain)]);
  kms.on(GenerateDataKeyCommand).callsFake((input: { EncryptionContext: { partnershipId: string } }) => {
    kmsCalls.push("GenerateDataKey");
    const plain = new Uint8Array(Buffer.alloc(32, items.size + 1));
    return { Plaintext: plain, CiphertextBlob: wrap(plain, input.EncryptionContext.partnershipId) };
  });
  kms
    .on(DecryptCommand)
    .callsFake((input: { CiphertextBlob: Uint8Array; EncryptionContext: { partnershipId: string } }) => {
      kmsCalls.push("Decrypt");
      const prefix = Buffer.from(`wrapped:${input.EncryptionContext.partnershipId}:`);
      const blob = Buffer.from(input.CiphertextBlob);
      if (!blob.subarray(0, prefix.length).equals(prefix)) throw new Error("InvalidCiphertextException");
      return { Plaintext: new Uint8Array(blob.subarray(prefix.length)) };
    });
  const id = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;
  ddb
    .on(GetCommand)
    .callsFake((input: { Key: { pk: string; sk: string } }) => ({ Item: items.get(id(input.Key)) }));
  ddb
    .on(PutCommand)
    .callsFake((input: { Item: { pk: string; sk: string }; ConditionExpression?: string }) => {
      const existing = items.get(id(input.Item));
      const refused =
        (input.ConditionExpression === "attribute_not_exists(pk)" && existing) ||
        (input.ConditionExpression === "attribute_not_exists(erasedAt)" && existing?.erasedAt !== undefined);
      if (refused)
        throw Object.assign(new Error("The conditional request failed"), {
          name: "ConditionalCheckFailedException",
        });
      items.set(id(input.Item), input.Item);
      return {};
    });
}

const doc = () => createDocumentClient(new DynamoDBClient({}));

describe("KMS data keys", () => {
  beforeEach(() => {
    fakeAws();
  });

  function store(): PersonalDataKeys & PersonalDataEraser {
    const keys = new KmsDataKeys(new KMSClient({}), doc(), "partnerflow-test", "arn:aws:kms:key/pd");
    const eraser = new KmsDataKeyEraser(doc(), "partnerflow-test");
    return {
      keyFor: (id) => keys.keyFor(id),
      existingKey: (id) => keys.existingKey(id),
      erase: (id, at) => eraser.erase(id, at),
    };
  }

  describeKeysContract("KMS data keys (mocked)", () => {
    fakeAws();
    return store();
  });

  it("keeps the key wrapped on the partnership's key item, with the partnership as encryption context", async () => {
    await store().keyFor("P1");
    const item = items.get(`PARTNERSHIP#P1|${DATA_KEY_SK}`);
    expect(item).toMatchObject({ itemType: "data-key", partnershipId: "P1", wrappedKey: expect.any(String) });
    expect(JSON.stringify(item)).not.toContain(Buffer.alloc(32, 1).toString("base64"));
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]?.args[0].input).toMatchObject({
      KeyId: "arn:aws:kms:key/pd",
      KeySpec: "AES_256",
      EncryptionContext: { partnershipId: "P1" },
    });
  });

  it("asks KMS once per partnership per container, not per field or read; the table at each use", async () => {
    const keys = new KmsDataKeys(new KMSClient({}), doc(), "partnerflow-test", "arn:aws:kms:key/pd");
    await store().keyFor("P1");
    kmsCalls = [];
    for (let i = 0; i < 5; i++) await keys.existingKey("P1");
    expect(kmsCalls).toEqual(["Decrypt"]);
    expect(ddb.commandCalls(GetCommand).length).toBeGreaterThanOrEqual(5);
  });

  it("sees an erasure at once, even in a container that holds the key", async () => {
    const keys = new KmsDataKeys(new KMSClient({}), doc(), "partnerflow-test", "arn:aws:kms:key/pd");
    await keys.keyFor("P1");
    await store().erase("P1", AT);
    expect(await keys.existingKey("P1")).toEqual({ erasedAt: AT });
    expect(items.get(`PARTNERSHIP#P1|${DATA_KEY_SK}`)).not.toHaveProperty("wrappedKey");
  });
});
