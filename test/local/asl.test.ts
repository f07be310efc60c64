import { describe, expect, it } from "vitest";
import {
  MAX_TIMER_SECONDS,
  prepareDefinition,
  TASK_TOKEN_PLACEHOLDER,
  withTaskToken,
} from "../../infra/local/asl.ts";
import type { AslDefinition } from "../../infra/local/template.ts";

const lambdaArn = "arn:aws:lambda:eu-west-1:000000000000:function:plain";

const definition: AslDefinition = {
  StartAt: "Both",
  TimeoutSeconds: 40_000_000,
  States: {
    Both: {
      Type: "Parallel",
      Branches: [
        {
          StartAt: "Wait30Days",
          States: {
            Wait30Days: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
              TimeoutSeconds: 2_592_000,
              End: true,
            },
          },
        },
        { StartAt: "Plain", States: { Plain: { Type: "Task", Resource: lambdaArn, End: true } } },
      ],
      Next: "Invoke",
    },
    Invoke: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: 30, End: true },
  },
};

describe("preparing ASL for the local engine", () => {
  it("finds every Task state, nested ones included, and what kind of Lambda call it is", () => {
    const { tasks } = prepareDefinition(definition, {}, () => undefined);
    expect(Object.fromEntries(tasks)).toEqual({
      Wait30Days: { kind: "callback", timeoutSeconds: MAX_TIMER_SECONDS },
      Plain: { kind: "function", functionName: "plain", timeoutSeconds: MAX_TIMER_SECONDS },
      Invoke: { kind: "invoke", timeoutSeconds: 30 },
    });
  });

  it("clamps timeouts past Node's timer range, applies overrides, and leaves the source untouched", () => {
    const clamped: string[] = [];
    const { definition: prepared } = prepareDefinition(definition, { Invoke: 0.5 }, (state) =>
      clamped.push(state),
    );
    expect(prepared.TimeoutSeconds).toBe(MAX_TIMER_SECONDS);
    expect(clamped).toEqual(["(state machine)", "Wait30Days"]);
    expect((prepared.States.Invoke as { TimeoutSeconds?: number }).TimeoutSeconds).toBe(0.5);
    expect((definition.States.Invoke as { TimeoutSeconds?: number }).TimeoutSeconds).toBe(30);
  });

  it("refuses integrations the local runtime cannot run, naming the state", () => {
    const dynamo: AslDefinition = {
      StartAt: "Put",
      States: { Put: { Type: "Task", Resource: "arn:aws:states:::dynamodb:putItem", End: true } },
    };
    expect(() => prepareDefinition(dynamo, {}, () => undefined)).toThrow(
      /State Put: resource .*dynamodb:putItem/,
    );
  });

  it("puts the task token wherever the payload used $$.Task.Token", () => {
    const payload = { a: TASK_TOKEN_PLACEHOLDER, nested: [{ b: `token=${TASK_TOKEN_PLACEHOLDER}` }], n: 1 };
    expect(withTaskToken(payload, "T0K")).toEqual({ a: "T0K", nested: [{ b: "token=T0K" }], n: 1 });
  });
});
