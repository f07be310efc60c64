/** DynamoDB on one machine: dynalite with its data on disk, and the model's tables created if missing. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { listen, type RunningServer } from "./servers.ts";
import type { LocalTable } from "./template.ts";

export interface LocalDynamoDb extends RunningServer {
  /** A client for this endpoint (the runtime's own use: table creation, the journal). */
  readonly client: DynamoDBClient;
}

export async function startDynamoDb(options: {
  dataDir: string;
  tables: readonly LocalTable[];
  port?: number;
  host?: string;
  region?: string;
}): Promise<LocalDynamoDb> {
  const path = join(options.dataDir, "dynamodb");
  mkdirSync(path, { recursive: true });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const running = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const client = new DynamoDBClient({
    endpoint: running.url,
    region: options.region ?? "eu-west-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    for (const table of options.tables) await ensureTable(client, table);
  } catch (error) {
    client.destroy();
    await running.close();
    throw error;
  }
  return {
    ...running,
    client,
    close: async () => {
      client.destroy();
      await running.close();
    },
  };
}

export async function ensureTable(client: DynamoDBClient, table: LocalTable): Promise<"created" | "existed"> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table.tableName }));
    return "existed";
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table.tableName,
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: table.KeySchema,
        AttributeDefinitions: table.AttributeDefinitions,
        ...(table.GlobalSecondaryIndexes.length
          ? { GlobalSecondaryIndexes: table.GlobalSecondaryIndexes }
          : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.tableName }));
    if (Table?.TableStatus === "ACTIVE") return "created";
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Table ${table.tableName} did not become ACTIVE`);
}
