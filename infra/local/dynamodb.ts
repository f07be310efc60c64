/** DynamoDB on one machine: dynalite with its data on disk, and the model's tables created if missing. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import type { RunningServer } from "./servers.ts";
import type { LocalTable } from "./template.ts";

export interface LocalDynamoDb extends RunningServer {
  /** A client for this endpoint (the runtime's own use: table creation). */
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
  const running = await listenInWorker(path, options.port ?? 0, options.host ?? "127.0.0.1");
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

/** Starts dynalite in a worker thread (same process, another core) and resolves once it listens. */
function listenInWorker(path: string, port: number, host: string): Promise<RunningServer> {
  const worker = new Worker(new URL("./dynamodb-worker.mjs", import.meta.url), {
    workerData: { path, port, host },
  });
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (message: { port?: number; error?: string }) => {
      if (message.error !== undefined || message.port === undefined) {
        void worker.terminate();
        reject(new Error(`DynamoDB (dynalite) could not listen on ${host}:${port}: ${message.error}`));
        return;
      }
      const close = () =>
        new Promise<void>((done) => {
          worker.once("message", () => void worker.terminate().then(() => done()));
          worker.postMessage("close");
        });
      resolve({ url: `http://${host}:${message.port}`, port: message.port, close });
    });
  });
}
