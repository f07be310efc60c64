/** The Step Functions workflow port: the exact SDK calls, and what a function without the state machine's ARN may do. */

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ExecutionAlreadyExists,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StepFunctionsResumer, StepFunctionsStarter } from "#shared/adapters/sfn-workflow.ts";
import { DecisionWindowClosedError } from "#shared/ports/workflow.ts";

const sfn = mockClient(SFNClient);
const ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:onboarding";
const P = "01KAW0000000000000000000PP";

beforeEach(() => sfn.reset());
afterEach(() => vi.unstubAllEnvs());

describe("the Step Functions workflow adapters", () => {
  it("starts the execution named after the partnership, and takes an existing one for a repeat", async () => {
    sfn
      .on(StartExecutionCommand)
      .rejectsOnce(new ExecutionAlreadyExists({ message: "exists", $metadata: {} }));
    const workflow = new StepFunctionsStarter(new SFNClient({}), ARN);
    await expect(workflow.start(P)).resolves.toBeUndefined();
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { stateMachineArn: ARN, name: P, input: JSON.stringify({ partnershipId: P }) },
    ]);
  });

  it("resumes the task with its token and the output as JSON", async () => {
    const workflow = new StepFunctionsResumer(new SFNClient({}));
    await workflow.resume("task-token", { outcome: "approve" });
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: "task-token", output: JSON.stringify({ outcome: "approve" }) },
    ]);
  });

  it.each([
    ["TaskTimedOut", new TaskTimedOut({ message: "timed out", $metadata: {} })],
    ["TaskDoesNotExist", new TaskDoesNotExist({ message: "gone", $metadata: {} })],
  ])("a resume refused with %s is DecisionWindowClosedError", async (_name, error) => {
    sfn.on(SendTaskSuccessCommand).rejects(error);
    const workflow = new StepFunctionsResumer(new SFNClient({}));
    await expect(workflow.resume("t", {})).rejects.toBeInstanceOf(DecisionWindowClosedError);
  });

  it("passes any other failure of a resume on as it is", async () => {
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    sfn.on(SendTaskSuccessCommand).rejects(throttled);
    const workflow = new StepFunctionsResumer(new SFNClient({}));
    await expect(workflow.resume("t", {})).rejects.toBe(throttled);
  });
});

describe("the workflow factories", () => {
  it("fail at init for a function that starts workflows without the ARN; one that only resumes needs none", async () => {
    vi.stubEnv("STATE_MACHINE_ARN", undefined);
    vi.resetModules();
    const { resumingWorkflowFromEnv, startingWorkflowFromEnv } = await import(
      "#shared/adapters/workflow-from-env.ts"
    );
    expect(() => startingWorkflowFromEnv()).toThrow(/STATE_MACHINE_ARN is not set/);
    expect(() => resumingWorkflowFromEnv()).not.toThrow();
  });
});

describe("a resume against a Step Functions endpoint that never answers", () => {
  it("gives up after the request timeout, with as many attempts as it was given", async () => {
    let requests = 0;
    const hung = createServer(() => {
      requests++; // never answers
    });
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
    vi.stubEnv("AWS_ENDPOINT_URL_SFN", `http://127.0.0.1:${(hung.address() as AddressInfo).port}`);
    sfn.restore();
    try {
      vi.resetModules();
      const { resumingWorkflowFromEnv } = await import("#shared/adapters/workflow-from-env.ts");
      const started = performance.now();
      const outcome = await resumingWorkflowFromEnv({ attempts: 1, requestTimeoutMs: 300 })
        .resume("task-token", {})
        .then(
          () => "resumed",
          (error: Error) => error.name,
        );
      expect(outcome).toBe("TimeoutError");
      expect(performance.now() - started).toBeLessThan(2000);
      expect(requests).toBe(1);
    } finally {
      hung.closeAllConnections();
      hung.close();
    }
  });
});
