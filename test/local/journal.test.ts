import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, describe, expect, it } from "vitest";
import type { LambdaHandler } from "../../infra/local/lambda.ts";
import { type LocalRuntimeOptions, startLocalRuntime } from "../../infra/local/runtime.ts";
import type { StackTemplates } from "../../infra/local/template.ts";
import fixture from "./fixtures/partnerflow-templates.json" with { type: "json" };

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Fake handlers that count their calls and keep the task tokens they were given (as the DECISION item does). */
function office() {
  const calls: Record<string, number> = {};
  const tokens = new Map<string, string>();
  const count = (name: string, impl: LambdaHandler): LambdaHandler => {
    return (event, context) => {
      calls[name] = (calls[name] ?? 0) + 1;
      return impl(event, context);
    };
  };
  const handlers: Record<string, LambdaHandler> = {
    "submit-intake": count("submit-intake", async (event) => {
      const { id } = JSON.parse((event as { body: string }).body) as { id: string };
      await new SFNClient({}).send(
        new StartExecutionCommand({
          stateMachineArn: process.env.STATE_MACHINE_ARN,
          name: id,
          input: JSON.stringify({ partnershipId: id }),
        }),
      );
      return { statusCode: 202, body: id };
    }),
    "assess-intake": count("assess-intake", async () => ({})),
    "open-step": count("open-step", async (event) => {
      const { partnershipId, taskToken } = event as { partnershipId: string; taskToken: string };
      tokens.set(partnershipId, taskToken);
      return {};
    }),
    "show-step": count("show-step", async (event) => {
      const id = (event as { pathParameters: { token: string } }).pathParameters.token;
      await new SFNClient({}).send(
        new SendTaskSuccessCommand({
          taskToken: tokens.get(id) ?? "",
          output: '{"outcome":"approve","comment":""}',
        }),
      );
      return "decided";
    }),
    "record-outcome": count("record-outcome", async () => ({})),
    "record-failure": count("record-failure", async () => ({})),
  };
  return { calls, tokens, handlers };
}

function starter(handlers: Record<string, LambdaHandler>, extra: Partial<LocalRuntimeOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "partnerflow-journal-"));
  dirs.push(dataDir);
  const start = () =>
    startLocalRuntime({
      templates: fixture as unknown as StackTemplates,
      dataDir,
      quiet: true,
      handlers,
      retryIntervalOverridesMs: {},
      ...extra,
    });
  return { start, journalFile: join(dataDir, "step-functions-journal.ndjson") };
}

/** The journal file's records, parsed (each line is one JSON object). */
const journalRecords = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { kind: string; name?: string; status?: string });

const executionArn = (machineArn: string, name: string) =>
  `${machineArn.replace(":stateMachine:", ":execution:")}:${name}`;

describe("journal: executions survive a restart", () => {
  it("resumes a waiting execution without re-running finished tasks; the emailed token still works", async () => {
    const { calls, tokens, handlers } = office();
    const { start, journalFile } = starter(handlers);
    const first = await start();
    const arn = executionArn(first.stateMachineArn, "R1");
    // The journal is a file in the data directory now, not a table next to the app's.
    const dynamodb = new DynamoDBClient({ endpoint: first.urls.dynamodb });
    const { TableNames = [] } = await dynamodb.send(new ListTablesCommand({}));
    dynamodb.destroy();
    expect(TableNames).not.toContain("partnerflow-local-journal");
    expect(TableNames).toEqual(first.model.tables.map((t) => t.tableName));
    await fetch(`${first.urls.app}/api/partnerships`, { method: "POST", body: JSON.stringify({ id: "R1" }) });
    await first.stepFunctions.waitForState(arn, "AwaitOfficerDecision");
    await expect.poll(() => tokens.get("R1")).toBeDefined();
    const token = tokens.get("R1");
    await first.stop();
    expect(journalRecords(journalFile).map((r) => r.kind)).toEqual([
      "started",
      "step", // AssessIntake's result
      "step", // the callback's token, before the Lambda runs
      "step", // ... and after it has run
    ]);

    const second = await start();
    try {
      expect(second.stepFunctions.describeExecution(arn).status).toBe("RUNNING");
      await second.stepFunctions.waitForState(arn, "AwaitOfficerDecision");
      await expect.poll(() => second.stepFunctions.waitingFor(arn)).toEqual(["AwaitOfficerDecision"]);
      // Replayed from the journal: neither the assessment nor the officer's email happened again.
      expect(calls["assess-intake"]).toBe(1);
      expect(calls["open-step"]).toBe(1);
      expect(tokens.get("R1")).toBe(token);

      expect(await (await fetch(`${second.urls.app}/decisions/R1`)).text()).toBe("decided");
      const done = await second.stepFunctions.waitForExecution(arn);
      expect(done.status).toBe("SUCCEEDED");
      expect(calls["record-outcome"]).toBe(1);
      expect(JSON.parse(done.output ?? "")).toMatchObject({ decision: { outcome: "approve" } });
    } finally {
      await second.stop();
    }

    const third = await start();
    try {
      // Loading compacted the journal: one snapshot of the one execution, its steps gone now it has ended.
      expect(journalRecords(journalFile)).toEqual([
        expect.objectContaining({
          kind: "execution",
          name: "R1",
          status: "SUCCEEDED",
          outcomes: [],
          callbacks: [],
        }),
      ]);
      // Ended executions stay describable, and their name stays taken.
      const described = third.stepFunctions.describeExecution(arn);
      expect(described.status).toBe("SUCCEEDED");
      expect(described.input).toBe('{"partnershipId":"R1"}');
      await expect(
        third.stepFunctions.startExecution({
          stateMachineArn: third.stateMachineArn,
          name: "R1",
          input: "{}",
        }),
      ).rejects.toMatchObject({ name: "ExecutionAlreadyExists" });
      expect(calls["assess-intake"]).toBe(1);
    } finally {
      await third.stop();
    }
  });

  it("a callback whose Lambda ran but was not journalled as run (killed in between) runs again with the same token", async () => {
    const { calls, handlers } = office();
    const seen: string[] = [];
    const openStep = handlers["open-step"] as LambdaHandler;
    handlers["open-step"] = (event, context) => {
      seen.push((event as { taskToken: string }).taskToken);
      return openStep(event, context);
    };
    const { start, journalFile } = starter(handlers);
    const first = await start();
    const arn = executionArn(first.stateMachineArn, "K1");
    await fetch(`${first.urls.app}/api/partnerships`, { method: "POST", body: JSON.stringify({ id: "K1" }) });
    await first.stepFunctions.waitForState(arn, "AwaitOfficerDecision");
    await expect.poll(() => seen.length).toBe(1);
    await first.stop();
    // What a SIGKILL after the Lambda returned, before its record was appended, leaves: the token journalled
    // (before the call), not the call.
    const lines = readFileSync(journalFile, "utf8").split("\n").filter(Boolean);
    const last = JSON.parse(lines.at(-1) ?? "{}") as { step?: { kind?: string; invoked?: boolean } };
    expect(last.step).toMatchObject({ kind: "callback", invoked: true });
    writeFileSync(journalFile, `${lines.slice(0, -1).join("\n")}\n`);

    const second = await start();
    try {
      await expect.poll(() => seen.length).toBe(2);
      // The same task token: open-step finds the decision it stored (the link it emailed stays; see
      // test/services/open-step-attempts.test.ts), not a new attempt's.
      expect(seen[1]).toBe(seen[0]);
      expect(calls["assess-intake"]).toBe(1);
      await expect.poll(() => second.stepFunctions.waitingFor(arn)).toEqual(["AwaitOfficerDecision"]);
    } finally {
      await second.stop();
    }
  });

  it("a human step whose deadline passed while stopped times out at once after the restart", async () => {
    const { calls, handlers } = office();
    const { start } = starter(handlers, { timeoutOverridesSeconds: { AwaitOfficerDecision: 3 } });
    const first = await start();
    const { executionArn: arn } = await first.stepFunctions.startExecution({
      stateMachineArn: first.stateMachineArn,
      name: "R2",
      input: '{"partnershipId":"R2"}',
    });
    await first.stepFunctions.waitForState(arn, "AwaitOfficerDecision");
    await first.stop();
    await new Promise((r) => setTimeout(r, 3000));

    const second = await start();
    try {
      const restarted = Date.now();
      const done = await second.stepFunctions.waitForExecution(arn, { timeoutMs: 2500 });
      expect(Date.now() - restarted).toBeLessThan(2500);
      expect(done.status).toBe("SUCCEEDED");
      expect(JSON.parse(done.output ?? "")).toMatchObject({ failure: { Error: "States.Timeout" } });
      expect(calls["open-step"]).toBe(1);
      expect(calls["record-outcome"]).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it("StopExecution is final: a stopped execution does not come back", async () => {
    const { handlers } = office();
    const { start } = starter(handlers);
    const first = await start();
    const { executionArn: arn } = await first.stepFunctions.startExecution({
      stateMachineArn: first.stateMachineArn,
      name: "R3",
      input: '{"partnershipId":"R3"}',
    });
    await first.stepFunctions.waitForState(arn, "AwaitOfficerDecision");
    await first.stepFunctions.stopExecution(arn, "Withdrawn");
    await first.stop();
    const second = await start();
    try {
      expect(second.stepFunctions.describeExecution(arn)).toMatchObject({
        status: "ABORTED",
        error: "Withdrawn",
      });
    } finally {
      await second.stop();
    }
  });

  it("with journal: false nothing is written and nothing resumes", async () => {
    const { handlers } = office();
    const { start, journalFile } = starter(handlers, { journal: false });
    const first = await start();
    const { executionArn: arn } = await first.stepFunctions.startExecution({
      stateMachineArn: first.stateMachineArn,
      name: "R4",
      input: '{"partnershipId":"R4"}',
    });
    await first.stepFunctions.waitForState(arn, "AwaitOfficerDecision");
    await first.stop();
    expect(existsSync(journalFile)).toBe(false);
    const second = await start();
    try {
      expect(() => second.stepFunctions.describeExecution(arn)).toThrow(/Does Not Exist/);
    } finally {
      await second.stop();
    }
  });
});
