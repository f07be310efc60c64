import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { afterEach, describe, expect, it } from "vitest";
import { StepFunctionsEngine } from "../../infra/local/step-functions.ts";
import { type Harness, harness, machine } from "./sfn-helpers.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(harnessed: Harness, id: string, name = id) {
  const { executionArn } = await harnessed.client.send(
    new StartExecutionCommand({ stateMachineArn: machine.arn, name, input: JSON.stringify({ id }) }),
  );
  return executionArn ?? "";
}

describe("Step Functions endpoint (AWS JSON 1.0, through @aws-sdk/client-sfn)", () => {
  it("runs to the callback, resumes on SendTaskSuccess with the parsed output, and describes the result", async () => {
    h = await harness();
    const arn = await start(h, "p1");
    expect(arn).toBe("arn:aws:states:eu-west-1:000000000000:execution:tiny:p1");
    const token = await h.token("p1");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const running = await h.client.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(running.status).toBe("RUNNING");
    expect(h.engine.waitingFor(arn)).toEqual(["AwaitDecision"]);

    await h.client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"outcome":"approve"}' }));
    await h.engine.waitForExecution(arn);

    const done = await h.client.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(done.status).toBe("SUCCEEDED");
    expect(done.startDate).toBeInstanceOf(Date);
    expect(done.stopDate?.getTime()).toBeGreaterThanOrEqual(done.startDate?.getTime() ?? 0);
    expect(JSON.parse(done.input ?? "")).toEqual({ id: "p1" });
    // The lambda:invoke result had Payload and StatusCode, as on AWS; the callback output lands at ResultPath.
    expect(JSON.parse(done.output ?? "")).toEqual({
      id: "p1",
      prep: { prepared: true, status: 200 },
      decision: { outcome: "approve" },
    });
    expect(h.engine.transitions(arn)).toBe(3);
  });

  it("passes the context object to the callback Lambda: a fresh task token and the execution ARN", async () => {
    h = await harness();
    const [a, b] = [await start(h, "a"), await start(h, "b")];
    const [ta, tb] = [await h.token("a"), await h.token("b")];
    expect(ta).not.toBe(tb);
    expect(ta).not.toContain("placeholder");
    await h.client.send(new SendTaskSuccessCommand({ taskToken: tb, output: "{}" }));
    await h.client.send(new SendTaskSuccessCommand({ taskToken: ta, output: "{}" }));
    expect((await h.engine.waitForExecution(a)).status).toBe("SUCCEEDED");
    expect((await h.engine.waitForExecution(b)).status).toBe("SUCCEEDED");
  });

  it("SendTaskFailure fails the task with the given error name, which Catch routes on", async () => {
    h = await harness();
    const arn = await start(h, "p2");
    const token = await h.token("p2");
    await h.client.send(
      new SendTaskFailureCommand({ taskToken: token, error: "OfficerRejected", cause: "no" }),
    );
    const done = await h.engine.waitForExecution(arn);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output ?? "")).toMatchObject({
      outcome: "rejected",
      failure: { Error: "OfficerRejected", Cause: "no" },
    });
  });

  it("a used token answers TaskTimedOut; an unknown one TaskDoesNotExist", async () => {
    h = await harness();
    const arn = await start(h, "p3");
    const token = await h.token("p3");
    await h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }));
    await h.engine.waitForExecution(arn);
    const again = h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }));
    await expect(again).rejects.toBeInstanceOf(TaskTimedOut);
    const unknown = h.client.send(new SendTaskSuccessCommand({ taskToken: "not-a-token", output: "{}" }));
    await expect(unknown).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(h.client.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
  });

  it("a callback that outlives its TimeoutSeconds fails with States.Timeout, and its token then TaskTimedOut", async () => {
    h = await harness({ AwaitDecision: 0.2 });
    const arn = await start(h, "p4");
    const token = await h.token("p4");
    const done = await h.engine.waitForExecution(arn, { timeoutMs: 5000 });
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output ?? "")).toMatchObject({
      outcome: "expired",
      failure: { Error: "States.Timeout" },
    });
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it("a Lambda's error reaches Catch by its name; an uncaught one fails the execution with error and cause", async () => {
    h = await harness();
    const arn = await start(h, "missing");
    const done = await h.engine.waitForExecution(arn);
    expect(done.status).toBe("FAILED");
    expect(done.error).toBe("OnboardingFailed");
    expect(done.cause).toBe("See the ledger");
    const history = await h.client.send(new GetExecutionHistoryCommand({ executionArn: arn }));
    const failed = history.events?.find((e) => e.type === "TaskFailed");
    expect(failed?.taskFailedEventDetails?.error).toBe("PartnershipNotFoundError");
    expect(JSON.parse(failed?.taskFailedEventDetails?.cause ?? "")).toMatchObject({
      errorType: "PartnershipNotFoundError",
      errorMessage: "no such partnership",
    });
  });

  it("StartExecution with a running execution's name: same input → same ARN, other input → ExecutionAlreadyExists", async () => {
    h = await harness();
    const first = await start(h, "dup");
    expect(await start(h, "dup")).toBe(first);
    const other = h.client.send(
      new StartExecutionCommand({ stateMachineArn: machine.arn, name: "dup", input: '{"id":"other"}' }),
    );
    await expect(other).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    const list = await h.client.send(new ListExecutionsCommand({ stateMachineArn: machine.arn }));
    expect(list.executions?.map((e) => e.name)).toEqual(["dup"]);
  });

  it("history names the states; inputs and outputs only with includeExecutionData", async () => {
    h = await harness();
    const arn = await start(h, "p5");
    await h.client.send(new SendTaskSuccessCommand({ taskToken: await h.token("p5"), output: '{"x":1}' }));
    await h.engine.waitForExecution(arn);
    const plain = await h.client.send(new GetExecutionHistoryCommand({ executionArn: arn }));
    const types = plain.events?.map((e) => e.type);
    expect(types?.[0]).toBe("ExecutionStarted");
    expect(types).toContain("TaskStateEntered");
    expect(types).toContain("SucceedStateEntered");
    expect(types?.at(-1)).toBe("ExecutionSucceeded");
    const entered = plain.events
      ?.filter((e) => e.stateEnteredEventDetails)
      .map((e) => e.stateEnteredEventDetails?.name);
    expect(entered).toEqual(["Prepare", "AwaitDecision", "Done"]);
    expect(plain.events?.[0]?.timestamp).toBeInstanceOf(Date);
    expect(plain.events?.map((e) => e.id)).toEqual(plain.events?.map((_, i) => i + 1));
    expect(JSON.stringify(plain.events)).not.toContain('"x":1');
    expect(plain.events?.[0]?.executionStartedEventDetails?.input).toBeUndefined();
    const full = await h.client.send(
      new GetExecutionHistoryCommand({ executionArn: arn, includeExecutionData: true }),
    );
    expect(JSON.parse(full.events?.[0]?.executionStartedEventDetails?.input ?? "")).toEqual({ id: "p5" });
  });

  it("StopExecution aborts a waiting execution, and its token is closed", async () => {
    h = await harness();
    const arn = await start(h, "p6");
    const token = await h.token("p6");
    await h.client.send(new StopExecutionCommand({ executionArn: arn, error: "Cancelled" }));
    const done = await h.engine.waitForExecution(arn);
    expect(done.status).toBe("ABORTED");
    expect(done.error).toBe("Cancelled");
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it("clamps timeouts beyond Node's timer range and warns once", async () => {
    h = await harness();
    expect(h.warnings).toHaveLength(1);
  });

  it("rejects bad requests with AWS error types", async () => {
    h = await harness();
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: `${machine.arn}-nope`, input: "{}" })),
    ).rejects.toMatchObject({ name: "StateMachineDoesNotExist" });
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: machine.arn, input: "{not json" })),
    ).rejects.toMatchObject({ name: "InvalidExecutionInput" });
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: machine.arn, name: "has space" })),
    ).rejects.toMatchObject({ name: "InvalidName" });
    await expect(
      h.client.send(
        new DescribeExecutionCommand({
          executionArn: `${machine.arn.replace("stateMachine", "execution")}:x`,
        }),
      ),
    ).rejects.toMatchObject({ name: "ExecutionDoesNotExist" });
  });
});

describe("Step Functions engine (programmatic API)", () => {
  it("calls a Lambda given by its plain ARN with the state input, and returns its result as the output", async () => {
    const seen: unknown[] = [];
    const engine = new StepFunctionsEngine({
      region: "eu-west-1",
      stateMachines: [
        {
          ...machine,
          arn: "arn:aws:states:eu-west-1:000000000000:stateMachine:plain",
          name: "plain",
          definition: {
            StartAt: "Double",
            States: {
              Double: {
                Type: "Task",
                Resource: "arn:aws:lambda:eu-west-1:000000000000:function:double",
                Catch: [{ ErrorEquals: ["TooBigError"], Next: "TooBig" }],
                End: true,
              },
              TooBig: { Type: "Pass", Result: "too big", End: true },
            },
          },
        },
      ],
      invoke: async (name, payload) => {
        seen.push([name, payload]);
        const n = (payload as { n: number }).n;
        if (n > 10) throw Object.assign(new Error("too big"), { name: "TooBigError" });
        return { n: n * 2 };
      },
    });
    const arn = "arn:aws:states:eu-west-1:000000000000:stateMachine:plain";
    const small = await engine.startExecution({ stateMachineArn: arn, input: '{"n":2}' });
    const big = await engine.startExecution({ stateMachineArn: arn, input: '{"n":20}' });
    expect((await engine.waitForExecution(small.executionArn)).output).toBe('{"n":4}');
    expect((await engine.waitForExecution(big.executionArn)).output).toBe('"too big"');
    expect(seen).toEqual([
      ["double", { n: 2 }],
      ["double", { n: 20 }],
    ]);
    await engine.stop();
  });
});
