/**
 * DynamoDB on one machine: dynalite with its data on disk, and the model's tables created if missing, or
 * rebuilt with their items when the template has an index the table on disk lacks.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import type { DynamoDbUsage } from "./meter.ts";
import type { RunningServer } from "./servers.ts";
import type { LocalTable } from "./template.ts";

export interface LocalDynamoDb extends RunningServer {
  /** A client for this endpoint (the runtime's own use: table creation). */
  readonly client: DynamoDBClient;
  /** Turns metering on or off (off at start; a no-op unless started with `onUsage`). */
  setMetering(on: boolean): Promise<void>;
  /** Resolves once every request answered so far has been reported. */
  flushUsage(): Promise<void>;
}

export async function startDynamoDb(options: {
  dataDir: string;
  tables: readonly LocalTable[];
  port?: number;
  host?: string;
  region?: string;
  /** Meter the endpoint: while metering is on, each request and each index write is reported here. */
  onUsage?: (usage: DynamoDbUsage) => void;
}): Promise<LocalDynamoDb> {
  const path = join(options.dataDir, "dynamodb");
  mkdirSync(path, { recursive: true });
  const running = await listenInWorker(path, options.port ?? 0, options.host ?? "127.0.0.1", options.onUsage);
  const client = new DynamoDBClient({
    endpoint: running.url,
    region: options.region ?? "eu-west-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    for (const table of options.tables) await ensureTable(client, table, path);
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

/** `backupDir` holds a table's items while it is rebuilt, so that a crash in between loses nothing. */
export async function ensureTable(
  client: DynamoDBClient,
  table: LocalTable,
  backupDir: string,
): Promise<"created" | "existed" | "rebuilt"> {
  const backup = join(backupDir, `rebuild-${table.tableName}.json`);
  let existing: string[] | undefined;
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.tableName }));
    existing = (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName ?? "");
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const upToDate =
    existing !== undefined && table.GlobalSecondaryIndexes.every((i) => existing.includes(i.IndexName));
  const saved = existsSync(backup);
  if (upToDate && !saved) return "existed";
  if (upToDate) {
    // A rebuild stopped after the new table was created: write the saved items back (puts repeat safely).
    await putAll(client, table.tableName, readBackup(backup));
    rmSync(backup);
    return "rebuilt";
  }
  if (existing || saved) {
    await rebuildTable(client, table, backup, { exists: existing !== undefined, saved });
    return "rebuilt";
  }
  await createTable(client, table);
  return "created";
}

/**
 * dynalite cannot add an index to a table, so a table from an older template is copied: its items are saved
 * to a file, the table is created again from the template and the items are written back. Local data only.
 */
async function rebuildTable(
  client: DynamoDBClient,
  table: LocalTable,
  backup: string,
  state: { exists: boolean; saved: boolean },
): Promise<void> {
  // A backup left by an interrupted rebuild is the copy to trust: the table may already be empty.
  if (!state.saved) {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await client.send(
        new ScanCommand({ TableName: table.tableName, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    writeFileSync(`${backup}.tmp`, JSON.stringify(items));
    renameSync(`${backup}.tmp`, backup);
  }
  if (state.exists) {
    await client.send(new DeleteTableCommand({ TableName: table.tableName }));
    for (let i = 0; i < 100; i++) {
      try {
        await client.send(new DescribeTableCommand({ TableName: table.tableName }));
      } catch (error) {
        if (error instanceof ResourceNotFoundException) break;
        throw error;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  await createTable(client, table);
  await putAll(client, table.tableName, readBackup(backup));
  rmSync(backup);
}

function readBackup(backup: string): Record<string, AttributeValue>[] {
  return JSON.parse(readFileSync(backup, "utf8")) as Record<string, AttributeValue>[];
}

async function putAll(
  client: DynamoDBClient,
  tableName: string,
  items: readonly Record<string, AttributeValue>[],
): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}

async function createTable(client: DynamoDBClient, table: LocalTable): Promise<void> {
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
    if (Table?.TableStatus === "ACTIVE") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Table ${table.tableName} did not become ACTIVE`);
}

/** Starts dynalite in a worker thread (same process, another core) and resolves once it listens. */
function listenInWorker(
  path: string,
  port: number,
  host: string,
  onUsage: ((usage: DynamoDbUsage) => void) | undefined,
): Promise<WorkerServer> {
  const worker = new Worker(new URL("./dynamodb-worker.mjs", import.meta.url), {
    workerData: { path, port, host, meter: onUsage !== undefined },
  });
  const replies = new Map<number, () => void>();
  let onClosed: (() => void) | undefined;
  let nextId = 0;
  const ask = (message: { meter?: boolean }) =>
    new Promise<void>((resolve) => {
      const id = nextId++;
      replies.set(id, resolve);
      worker.postMessage({ ...message, id });
    });
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (message: WorkerMessage) => {
      if ("usage" in message) return onUsage?.(message.usage);
      if ("reply" in message) {
        replies.get(message.reply)?.();
        replies.delete(message.reply);
        return;
      }
      if ("closed" in message) return onClosed?.();
      if (message.error !== undefined || message.port === undefined) {
        void worker.terminate();
        reject(new Error(`DynamoDB (dynalite) could not listen on ${host}:${port}: ${message.error}`));
        return;
      }
      const close = () =>
        new Promise<void>((done) => {
          onClosed = () => void worker.terminate().then(() => done());
          worker.postMessage("close");
        });
      resolve({
        url: `http://${host}:${message.port}`,
        port: message.port,
        close,
        setMetering: (on) => ask({ meter: on }),
        flushUsage: () => ask({}),
      });
    });
  });
}

type WorkerMessage =
  | { usage: DynamoDbUsage }
  | { reply: number }
  | { closed: true }
  | { port?: number; error?: string };

type WorkerServer = Omit<LocalDynamoDb, "client">;
