import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { startDynamoDb } from "../../infra/local/dynamodb.ts";
import { buildLocalModel, type StackTemplates } from "../../infra/local/template.ts";
import fixture from "./fixtures/partnerflow-templates.json" with { type: "json" };

const { tables } = buildLocalModel(fixture as unknown as StackTemplates);
const dataDir = mkdtempSync(join(tmpdir(), "partnerflow-dynamodb-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The tables as an older template had them: only the byStage index. */
const olderTables = tables.map((t) => ({
  ...t,
  GlobalSecondaryIndexes: t.GlobalSecondaryIndexes.filter((g) => g.IndexName === "byStage"),
}));

const clientFor = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });

describe("local DynamoDB (dynalite on disk)", () => {
  it("creates the model's table with its keys and GSIs, and keeps the data across a restart", async () => {
    const first = await startDynamoDb({ dataDir, tables });
    const client = clientFor(first.url);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: "partnerflow" }));
    expect(Table?.TableStatus).toBe("ACTIVE");
    expect(Table?.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(Table?.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.Projection?.ProjectionType])).toEqual([
      ["byStage", "ALL"],
      ["openDecisionsByDue", "KEYS_ONLY"],
    ]);
    await client.send(
      new PutItemCommand({
        TableName: "partnerflow",
        Item: {
          pk: { S: "PARTNERSHIP#1" },
          sk: { S: "META" },
          gsi1pk: { S: "STAGE#SUBMITTED" },
          gsi1sk: { S: "t#1" },
        },
      }),
    );
    client.destroy();
    await first.close();

    const second = await startDynamoDb({ dataDir, tables });
    const again = clientFor(second.url);
    const { Item } = await again.send(
      new GetItemCommand({
        TableName: "partnerflow",
        Key: { pk: { S: "PARTNERSHIP#1" }, sk: { S: "META" } },
      }),
    );
    expect(Item?.gsi1pk?.S).toBe("STAGE#SUBMITTED");
    const byStage = await again.send(
      new QueryCommand({
        TableName: "partnerflow",
        IndexName: "byStage",
        KeyConditionExpression: "gsi1pk = :s",
        ExpressionAttributeValues: { ":s": { S: "STAGE#SUBMITTED" } },
      }),
    );
    expect(byStage.Items?.map((i) => i.pk?.S)).toEqual(["PARTNERSHIP#1"]);
    again.destroy();
    await second.close();
  });

  it("rebuilds a table from an older template with its items when the template gained an index", async () => {
    const dir = mkdtempSync(join(tmpdir(), "partnerflow-dynamodb-rebuild-"));
    try {
      const first = await startDynamoDb({ dataDir: dir, tables: olderTables });
      const client = clientFor(first.url);
      const items = Array.from({ length: 30 }, (_, i) => ({
        pk: { S: `PARTNERSHIP#${i}` },
        sk: { S: "META" },
        gsi2pk: { S: "OPEN_DECISION" },
        gsi2sk: { S: `2026-12-01#${String(i).padStart(2, "0")}` },
      }));
      for (const Item of items) await client.send(new PutItemCommand({ TableName: "partnerflow", Item }));
      client.destroy();
      await first.close();

      const second = await startDynamoDb({ dataDir: dir, tables });
      const again = clientFor(second.url);
      const { Table } = await again.send(new DescribeTableCommand({ TableName: "partnerflow" }));
      expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual([
        "byStage",
        "openDecisionsByDue",
      ]);
      // Every item came back, and the new index covers the items written before it existed.
      const due = await again.send(
        new QueryCommand({
          TableName: "partnerflow",
          IndexName: "openDecisionsByDue",
          KeyConditionExpression: "gsi2pk = :p",
          ExpressionAttributeValues: { ":p": { S: "OPEN_DECISION" } },
        }),
      );
      expect(due.Items).toHaveLength(30);
      again.destroy();
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finishes a rebuild that stopped after the old table was deleted, from the items it saved", async () => {
    const dir = mkdtempSync(join(tmpdir(), "partnerflow-dynamodb-resume-"));
    try {
      const first = await startDynamoDb({ dataDir: dir, tables: olderTables });
      const client = clientFor(first.url);
      const Item = {
        pk: { S: "PARTNERSHIP#1" },
        sk: { S: "META" },
        gsi1pk: { S: "STAGE#VETTING" },
        gsi1sk: { S: "t#1" },
      };
      await client.send(new PutItemCommand({ TableName: "partnerflow", Item }));
      // The crash: the items were saved and the table deleted, but it was never created again.
      writeFileSync(join(dir, "dynamodb", "rebuild-partnerflow.json"), JSON.stringify([Item]));
      await client.send(new DeleteTableCommand({ TableName: "partnerflow" }));
      client.destroy();
      await first.close();

      const second = await startDynamoDb({ dataDir: dir, tables });
      const again = clientFor(second.url);
      const byStage = await again.send(
        new QueryCommand({
          TableName: "partnerflow",
          IndexName: "byStage",
          KeyConditionExpression: "gsi1pk = :s",
          ExpressionAttributeValues: { ":s": { S: "STAGE#VETTING" } },
        }),
      );
      expect(byStage.Items?.map((i) => i.pk?.S)).toEqual(["PARTNERSHIP#1"]);
      expect(existsSync(join(dir, "dynamodb", "rebuild-partnerflow.json"))).toBe(false);
      again.destroy();
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
