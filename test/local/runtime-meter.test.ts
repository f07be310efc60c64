/** The runtime's usage meter end to end: each service's hook counts what fake handlers ask of it, and only then. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, describe, expect, it } from "vitest";
import { startDynamoDb } from "../../infra/local/dynamodb.ts";
import type { LambdaHandler } from "../../infra/local/lambda.ts";
import type { DynamoDbUsage } from "../../infra/local/meter.ts";
import { startLocalRuntime } from "../../infra/local/runtime.ts";
import { buildLocalModel, type StackTemplates } from "../../infra/local/template.ts";
import fixture from "./fixtures/partnerflow-templates.json" with { type: "json" };

const templates = fixture as unknown as StackTemplates;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "partnerflow-meter-"));
  dirs.push(dir);
  return dir;
}

const clientFor = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });

/** Handlers that use the SDK as the real ones do; the decision page resumes the workflow on GET, to be brief. */
function handlers(tokens: Map<string, string>): Record<string, LambdaHandler> {
  return {
    "submit-intake": async (event) => {
      const { id } = JSON.parse((event as { body: string }).body) as { id: string };
      await new DynamoDBClient({}).send(
        new PutItemCommand({
          TableName: process.env.TABLE_NAME,
          Item: { pk: { S: `PARTNERSHIP#${id}` }, sk: { S: "META" } },
        }),
      );
      await new SESClient({}).send(
        new SendEmailCommand({
          Source: "office@example.org",
          Destination: { ToAddresses: ["partner@example.org"], CcAddresses: ["office@example.org"] },
          Message: { Subject: { Data: `Received ${id}` }, Body: { Text: { Data: "Thanks" } } },
        }),
      );
      await new SFNClient({}).send(
        new StartExecutionCommand({
          stateMachineArn: process.env.STATE_MACHINE_ARN,
          name: id,
          input: JSON.stringify({ partnershipId: id }),
        }),
      );
      return { statusCode: 202, body: "{}" };
    },
    "assess-intake": async () => ({}),
    "open-step": async (event) => {
      const { partnershipId, taskToken } = event as { partnershipId: string; taskToken: string };
      tokens.set(partnershipId, taskToken);
      return {};
    },
    "show-step": async (event) => {
      const id = (event as { pathParameters: { token: string } }).pathParameters.token;
      await new SFNClient({}).send(
        new SendTaskSuccessCommand({
          taskToken: tokens.get(id) ?? "unknown",
          output: JSON.stringify({ outcome: "approve", comment: "" }),
        }),
      );
      return { statusCode: 200, body: "decided" };
    },
    "record-outcome": async () => ({}),
    "record-failure": async () => ({}),
  };
}

describe("the runtime's usage meter", () => {
  it("counts a journey's HTTP requests, invocations, transitions, Step Functions calls, DynamoDB and S3 requests and mail", async () => {
    const tokens = new Map<string, string>();
    const runtime = await startLocalRuntime({
      templates,
      dataDir: freshDir(),
      quiet: true,
      meter: true,
      handlers: handlers(tokens),
    });
    try {
      const meter = runtime.meter;
      if (!meter) throw new Error("no meter");
      const run = async (id: string) => {
        await fetch(`${runtime.urls.app}/api/partnerships`, { method: "POST", body: JSON.stringify({ id }) });
        const arn = `arn:aws:states:eu-west-1:000000000000:execution:${runtime.model.stateMachines[0]?.name}:${id}`;
        await expect.poll(() => tokens.has(id)).toBe(true);
        await (await fetch(`${runtime.urls.app}/decisions/${id}`)).text();
        await runtime.stepFunctions.waitForExecution(arn);
        // S3, as a handler's store and a presigned link reach it (refused here: unsigned; counted all the same).
        const object = `${runtime.urls.s3}/partnerflow-evidence/agreements/${id}.pdf`;
        await (await fetch(object, { method: "PUT", body: "%PDF-" })).arrayBuffer();
        await (await fetch(`${object}?X-Amz-Expires=300`)).arrayBuffer();
      };
      await run("BEFORE"); // not measured: nothing of it may show below

      const { usage } = await meter.measure(() => run("P1"));

      expect(usage.httpRequests).toBe(2);
      expect(
        Object.fromEntries(Object.entries(usage.lambdaMs).map(([name, ms]) => [name, ms.length])),
      ).toEqual({
        "submit-intake": 1,
        "assess-intake": 1,
        "open-step": 1,
        "show-step": 1,
        "record-outcome": 1,
      });
      expect(usage.stateTransitions).toBe(5);
      expect(usage.stepFunctionsCalls).toEqual({ StartExecution: 1, SendTaskSuccess: 1 });
      expect(usage.dynamodb).toEqual({ PutItem: { requests: 1, failed: 0, capacityUnits: 1 } });
      expect(usage).toMatchObject({ emails: 1, recipients: 2 });
      expect(usage.s3).toEqual({ PutObject: 1, GetObject: 1 });
    } finally {
      await runtime.stop();
    }
  });

  it("is absent unless asked for", async () => {
    const runtime = await startLocalRuntime({ templates, dataDir: freshDir(), quiet: true, handlers: {} });
    try {
      expect(runtime.meter).toBeUndefined();
    } finally {
      await runtime.stop();
    }
  });
});

describe("the metered DynamoDB endpoint", () => {
  const { tables } = buildLocalModel(templates);

  it("reports each request's operation and units, and the writes' index units, only while metering is on", async () => {
    const reports: DynamoDbUsage[] = [];
    const dynamodb = await startDynamoDb({ dataDir: freshDir(), tables, onUsage: (u) => reports.push(u) });
    const client = clientFor(dynamodb.url);
    const put = (sk: string, condition?: string) =>
      client.send(
        new PutItemCommand({
          TableName: "partnerflow",
          // In the byStage index (gsi1pk and gsi1sk), whose projection is ALL.
          Item: { pk: { S: "P#1" }, sk: { S: sk }, gsi1pk: { S: "STAGE#SUBMITTED" }, gsi1sk: { S: "t" } },
          ...(condition ? { ConditionExpression: condition } : {}),
        }),
      );
    try {
      await put("UNMETERED");
      await dynamodb.flushUsage();
      expect(reports).toEqual([]);

      await dynamodb.setMetering(true);
      await put("META");
      await expect(put("META", "attribute_not_exists(pk)")).rejects.toBeInstanceOf(
        ConditionalCheckFailedException,
      );
      const read = await client.send(
        new GetItemCommand({ TableName: "partnerflow", Key: { pk: { S: "P#1" }, sk: { S: "META" } } }),
      );
      await client.send(
        new GetItemCommand({
          TableName: "partnerflow",
          Key: { pk: { S: "P#1" }, sk: { S: "META" } },
          ConsistentRead: true,
        }),
      );
      await dynamodb.flushUsage();
      expect(reports).toEqual([
        { indexWriteUnits: 1 },
        { operation: "PutItem", capacityUnits: 1, failed: false },
        { operation: "PutItem", capacityUnits: 0, failed: true },
        { operation: "GetItem", capacityUnits: 0.5, failed: false },
        { operation: "GetItem", capacityUnits: 1, failed: false },
      ]);
      // The caller gets its item as without metering.
      expect(read.Item?.sk).toEqual({ S: "META" });

      await dynamodb.setMetering(false);
      await put("AFTER");
      await dynamodb.flushUsage();
      expect(reports).toHaveLength(5);
    } finally {
      client.destroy();
      await dynamodb.close();
    }
  });

  it("has no metering hooks when started without a listener", async () => {
    const dynamodb = await startDynamoDb({ dataDir: freshDir(), tables });
    const client = clientFor(dynamodb.url);
    try {
      await dynamodb.setMetering(true);
      await client.send(
        new PutItemCommand({ TableName: "partnerflow", Item: { pk: { S: "P#2" }, sk: { S: "META" } } }),
      );
      const { ConsumedCapacity } = await client.send(
        new GetItemCommand({ TableName: "partnerflow", Key: { pk: { S: "P#2" }, sk: { S: "META" } } }),
      );
      // Unmetered, a request is answered exactly as it asked: no capacity it did not ask for.
      expect(ConsumedCapacity).toBeUndefined();
    } finally {
      client.destroy();
      await dynamodb.close();
    }
  });
});
