/**
 * The DynamoDB repository keeps the PartnershipRepository contract, on real DynamoDB: dynalite with the deployed
 * table's model, started once for the file, with a fresh table for each test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTable, type LocalDynamoDb, startDynamoDb } from "#infra/local/dynamodb.ts";
import { synthTemplates } from "#infra/local/synth.ts";
import { buildLocalModel, type LocalTable } from "#infra/local/template.ts";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { describeRepositoryContract } from "./partnership-repository.contract.ts";

const dataDir = mkdtempSync(join(tmpdir(), "partnerflow-contract-"));
let dynamodb: LocalDynamoDb | undefined;
let client: DynamoDBClient | undefined;
let table: LocalTable | undefined;
let tables = 0;

beforeAll(async () => {
  [table] = buildLocalModel(await synthTemplates({ cache: true })).tables;
  dynamodb = await startDynamoDb({ dataDir, tables: [] });
  client = new DynamoDBClient({
    endpoint: dynamodb.url,
    region: "eu-west-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
});

afterAll(async () => {
  client?.destroy();
  await dynamodb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function freshRepository(): Promise<DynamoDbPartnershipRepository> {
  if (!dynamodb || !client || !table) throw new Error("DynamoDB starts in beforeAll");
  const tableName = `contract-${++tables}`;
  await ensureTable(dynamodb.client, { ...table, tableName }, dataDir);
  return new DynamoDbPartnershipRepository(createDocumentClient(client), tableName);
}

describeRepositoryContract("the DynamoDB repository", freshRepository);

describe("the DynamoDB repository, where it breaks the port (the in-memory one keeps it)", () => {
  // One query reads the partnership item and the events before it, `events + 1` items: with no partnership
  // item, the place meant for it goes to an event, and `slice(-0)` keeps it. No caller asks for 0 events.
  it("gives no events when asked for none of a ledger that has no partnership", async () => {
    const repository = await freshRepository();
    await repository.beginLedger({
      partnershipId: "P",
      at: "2026-11-23T10:00:00.000Z",
      actor: "partner",
      type: "IntakeSubmitted",
      data: {},
    });
    expect((await repository.getPartnershipWithTail("P", 0)).tail).toEqual([]);
  });
});
