import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "#shared/web/layout.ts";
import { apiRouteKeys, HTTP_FUNCTIONS } from "../../infra/function-catalog.ts";
import type { LambdaHandler } from "../../infra/local/lambda.ts";
import { startLocalRuntime } from "../../infra/local/runtime.ts";
import type { StackTemplates } from "../../infra/local/template.ts";
import fixture from "./fixtures/partnerflow-templates.json" with { type: "json" };

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
/** A fresh data directory per runtime: the journal would otherwise resume one test's executions in the next. */
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "partnerflow-runtime-"));
  dirs.push(dir);
  return dir;
}

/** Fake handlers that use the AWS SDK exactly as the real ones do: default clients, configured by the environment. */
function fakeHandlers(tokens: Map<string, string>, seen: Record<string, string | undefined>) {
  const json = (statusCode: number, body: unknown) => ({
    statusCode,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const handlers: Record<string, LambdaHandler> = {
    "submit-intake": async (event) => {
      for (const key of ["TABLE_NAME", "PUBLIC_BASE_URL", "STATE_MACHINE_ARN", "AWS_ENDPOINT_URL_SFN"])
        seen[key] = process.env[key];
      const { id } = JSON.parse((event as { body: string }).body) as { id: string };
      const ddb = new DynamoDBClient({});
      await ddb.send(
        new PutItemCommand({
          TableName: process.env.TABLE_NAME,
          Item: { pk: { S: `PARTNERSHIP#${id}` }, sk: { S: "META" } },
        }),
      );
      await new SESClient({}).send(
        new SendEmailCommand({
          Source: "office@example.org",
          Destination: { ToAddresses: ["partner@example.org"] },
          Message: { Subject: { Data: `Received ${id}` }, Body: { Text: { Data: "Thanks" } } },
        }),
      );
      const sfn = new SFNClient({});
      await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: process.env.STATE_MACHINE_ARN,
          name: id,
          input: JSON.stringify({ partnershipId: id }),
        }),
      );
      return json(202, { id });
    },
    "assess-intake": async () => ({ score: 3 }),
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
      return "decided";
    },
    "record-outcome": async () => ({}),
    "record-failure": async () => ({}),
  };
  return handlers;
}

describe("startLocalRuntime", () => {
  it("runs the app on one machine: HTTP → handler → DynamoDB, SES, Step Functions → callback → outcome", async () => {
    const tokens = new Map<string, string>();
    const seen: Record<string, string | undefined> = {};
    const runtime = await startLocalRuntime({
      templates: fixture as unknown as StackTemplates,
      dataDir: freshDir(),
      quiet: true,
      handlers: fakeHandlers(tokens, seen),
    });
    try {
      expect(runtime.startedInMs).toBeLessThan(10_000);
      const submitted = await fetch(`${runtime.urls.app}/api/partnerships`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: "P1" }),
      });
      expect(submitted.status).toBe(202);
      expect(seen).toEqual({
        TABLE_NAME: "partnerflow",
        PUBLIC_BASE_URL: runtime.urls.app,
        STATE_MACHINE_ARN: runtime.model.stateMachines[0]?.arn,
        AWS_ENDPOINT_URL_SFN: runtime.urls.stepFunctions,
      });

      const arn = `arn:aws:states:eu-west-1:000000000000:execution:${runtime.model.stateMachines[0]?.name}:P1`;
      await runtime.stepFunctions.waitForState(arn, "AwaitOfficerDecision");
      await expect.poll(() => tokens.has("P1")).toBe(true);
      expect(runtime.stepFunctions.waitingFor(arn)).toEqual(["AwaitOfficerDecision"]);

      const decided = await fetch(`${runtime.urls.app}/decisions/P1`);
      expect(await decided.text()).toBe("decided");
      const done = await runtime.stepFunctions.waitForExecution(arn);
      expect(done.status).toBe("SUCCEEDED");
      expect(
        runtime.stepFunctions
          .history(arn)
          .map((e) => e.stateEnteredEventDetails ?? null)
          .filter(Boolean),
      ).toEqual([
        { name: "AssessNeeds" },
        { name: "AwaitOfficerDecision" },
        { name: "RouteOfficerDecision" },
        { name: "ApproveForVetting" },
        { name: "ReadyForVetting" },
      ]);
      expect(runtime.stepFunctions.transitions(arn)).toBe(5);

      const store = (await (await fetch(`${runtime.urls.mail}/store`)).json()) as {
        emails: { subject: string; destination: { to: string[] } }[];
      };
      expect(store.emails.map((e) => [e.subject, e.destination.to])).toContainEqual([
        "Received P1",
        ["partner@example.org"],
      ]);
      const ddb = new DynamoDBClient({
        endpoint: runtime.urls.dynamodb,
        region: "eu-west-1",
        credentials: { accessKeyId: "x", secretAccessKey: "x" },
      });
      const { Item } = await ddb.send(
        new GetItemCommand({
          TableName: "partnerflow",
          Key: { pk: { S: "PARTNERSHIP#P1" }, sk: { S: "META" } },
        }),
      );
      ddb.destroy();
      expect(Item).toBeDefined();
    } finally {
      await runtime.stop();
    }
    await expect(fetch(`${runtime.urls.app}/healthz`)).rejects.toThrow();
    expect(process.env.AWS_ENDPOINT_URL_SFN).toBeUndefined();
    expect(process.env.TABLE_NAME).toBe("partnerflow-test");
  });

  it("stop() aborts executions still waiting for a human", async () => {
    const tokens = new Map<string, string>();
    const runtime = await startLocalRuntime({
      templates: fixture as unknown as StackTemplates,
      dataDir: freshDir(),
      quiet: true,
      handlers: fakeHandlers(tokens, {}),
    });
    const started = await runtime.stepFunctions.startExecution({
      stateMachineArn: runtime.model.stateMachines[0]?.arn ?? "",
      name: "P2",
      input: '{"partnershipId":"P2"}',
    });
    await runtime.stepFunctions.waitForState(started.executionArn, "AwaitOfficerDecision");
    await runtime.stop();
    expect(runtime.stepFunctions.describeExecution(started.executionArn).status).toBe("ABORTED");
  });

  const realApp = existsSync(new URL("../../infra/build-app.ts", import.meta.url));
  it.skipIf(!realApp)(
    "starts from the synthesized CDK app and serves its routes with the real handlers",
    async () => {
      const runtime = await startLocalRuntime({ dataDir: freshDir(), quiet: true });
      try {
        const keys = runtime.model.routes.map((r) => r.routeKey).sort();
        expect(keys).toEqual(HTTP_FUNCTIONS.flatMap(apiRouteKeys).sort());
        expect(runtime.model.stateMachines.length).toBeGreaterThanOrEqual(1);
        const form = await fetch(`${runtime.urls.app}/`);
        expect(form.status).toBe(200);
        expect(form.headers.get("content-type")).toContain("text/html");
        const health = await fetch(`${runtime.urls.app}/healthz`);
        expect(health.status).toBe(200);
        // The server's own answers carry the pages' security headers.
        expect(health.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
        expect(health.headers.get("x-frame-options")).toBe("DENY");
      } finally {
        await runtime.stop();
      }
    },
  );
});

describe("a data directory from before the file journal", () => {
  it("says that executions journalled in the old journal table are not resumed", async () => {
    const dataDir = freshDir();
    const { startDynamoDb } = await import("../../infra/local/dynamodb.ts");
    const { LEGACY_JOURNAL_TABLE } = await import("../../infra/local/runtime.ts");
    const keys = {
      stack: "local",
      logicalId: "Journal",
      tableName: LEGACY_JOURNAL_TABLE,
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" as const },
        { AttributeName: "sk", KeyType: "RANGE" as const },
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" as const },
        { AttributeName: "sk", AttributeType: "S" as const },
      ],
      GlobalSecondaryIndexes: [],
    };
    const old = await startDynamoDb({ dataDir, tables: [keys] });
    await old.close();
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: unknown) => lines.push(String(line));
    try {
      const runtime = await startLocalRuntime({
        dataDir,
        templates: fixture as unknown as StackTemplates,
        handlers: fakeHandlers(new Map(), {}),
      });
      await runtime.stop();
    } finally {
      console.log = log;
    }
    const warning = lines
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, string>)
      .find((l) => l.level === "warn");
    expect(warning).toMatchObject({ table: LEGACY_JOURNAL_TABLE });
    expect(warning?.message).toContain("not resumed");
  });
});
