/** The local runtime's usage meter: it counts only while measuring, and reports what changed meanwhile. */
import { describe, expect, it } from "vitest";
import { indexWriteUnits } from "#infra/local/dynamodb-metering.mjs";
import { type MeterSources, type Usage, UsageMeter, usageBetween } from "#infra/local/meter.ts";

const zero: Usage = {
  httpRequests: 0,
  lambdaMs: {},
  stateTransitions: 0,
  stepFunctionsCalls: {},
  dynamodb: {},
  dynamodbIndexWriteUnits: 0,
  emails: 0,
  recipients: 0,
  s3: {},
};

describe("usage between two readings", () => {
  it("keeps only what was added: new invocations, calls, requests, S3 requests, transitions and mail", () => {
    const before: Usage = {
      ...zero,
      httpRequests: 3,
      lambdaMs: { a: [5] },
      stateTransitions: 10,
      stepFunctionsCalls: { StartExecution: 2 },
      dynamodb: { GetItem: { requests: 4, failed: 1, capacityUnits: 2 } },
      dynamodbIndexWriteUnits: 1,
      emails: 6,
      recipients: 7,
      s3: { PutObject: 1 },
    };
    const after: Usage = {
      httpRequests: 5,
      lambdaMs: { a: [5, 8], b: [3] },
      stateTransitions: 15,
      stepFunctionsCalls: { StartExecution: 2, SendTaskSuccess: 1 },
      dynamodb: {
        GetItem: { requests: 6, failed: 2, capacityUnits: 3 },
        PutItem: { requests: 1, failed: 0, capacityUnits: 1 },
      },
      dynamodbIndexWriteUnits: 4,
      emails: 8,
      recipients: 10,
      s3: { PutObject: 3, GetObject: 2 },
    };
    expect(usageBetween(before, after)).toEqual({
      httpRequests: 2,
      lambdaMs: { a: [8], b: [3] },
      stateTransitions: 5,
      stepFunctionsCalls: { SendTaskSuccess: 1 },
      dynamodb: {
        GetItem: { requests: 2, failed: 1, capacityUnits: 1 },
        PutItem: { requests: 1, failed: 0, capacityUnits: 1 },
      },
      dynamodbIndexWriteUnits: 3,
      emails: 2,
      recipients: 3,
      s3: { PutObject: 2, GetObject: 2 },
    });
  });
});

describe("usage meter", () => {
  const sources = (): MeterSources & { metering: boolean[]; transitions: number } => {
    const state = {
      metering: [] as boolean[],
      transitions: 0,
      setDynamoDbMetering: async (on: boolean) => {
        state.metering.push(on);
      },
      flushDynamoDb: async () => undefined,
      stateTransitions: () => state.transitions,
      mail: async () => ({ emails: 0, recipients: 0 }),
    };
    return state;
  };

  it("leaves out of a measurement what was counted before it began", async () => {
    const meter = new UsageMeter(sources());
    meter.httpRequest();
    meter.lambdaInvoked("a", 5);
    meter.stepFunctionsCall("StartExecution");
    meter.s3Request("PutObject");
    const { usage } = await meter.measure(async () => undefined);
    expect(usage).toEqual(zero);
  });

  it("counts what happens during the work, turns DynamoDB metering on for it and off after", async () => {
    const src = sources();
    const meter = new UsageMeter(src);
    const { result, usage } = await meter.measure(async () => {
      meter.httpRequest();
      meter.lambdaInvoked("a", 12.5);
      meter.stepFunctionsCall("SendTaskSuccess");
      meter.dynamodbUsage({ operation: "PutItem", capacityUnits: 2, failed: false });
      meter.dynamodbUsage({ indexWriteUnits: 3 });
      meter.s3Request("PutObject");
      meter.s3Request("GetObject");
      meter.s3Request("PutObject");
      src.transitions += 4;
      return "done";
    });
    expect(result).toBe("done");
    expect(usage).toMatchObject({
      httpRequests: 1,
      lambdaMs: { a: [12.5] },
      stepFunctionsCalls: { SendTaskSuccess: 1 },
      dynamodb: { PutItem: { requests: 1, failed: 0, capacityUnits: 2 } },
      dynamodbIndexWriteUnits: 3,
      s3: { PutObject: 2, GetObject: 1 },
      stateTransitions: 4,
    });
    expect(src.metering).toEqual([true, false]);
  });

  it("samples the counters during a measurement, so that a stretch of the work can be told apart", async () => {
    const src = sources();
    const meter = new UsageMeter(src);
    await expect(meter.sample()).rejects.toThrow(/No measurement/);
    const { result } = await meter.measure(async () => {
      const start = await meter.sample();
      meter.httpRequest();
      src.transitions += 2;
      const middle = await meter.sample();
      meter.s3Request("GetObject");
      return { first: usageBetween(start, middle), second: usageBetween(middle, await meter.sample()) };
    });
    expect(result.first).toMatchObject({ httpRequests: 1, stateTransitions: 2, s3: {} });
    expect(result.second).toMatchObject({ httpRequests: 0, stateTransitions: 0, s3: { GetObject: 1 } });
  });

  it("turns DynamoDB metering off again when the work fails, and refuses a second measurement at once", async () => {
    const src = sources();
    const meter = new UsageMeter(src);
    await expect(meter.measure(() => Promise.reject(new Error("journey failed")))).rejects.toThrow(
      "journey failed",
    );
    expect(src.metering).toEqual([true, false]);
    const first = meter.measure(() => new Promise((r) => setTimeout(r, 10)));
    await expect(meter.measure(async () => undefined)).rejects.toThrow(/already running/);
    await first;
  });
});

describe("index write units", () => {
  const table = [
    { AttributeName: "pk", KeyType: "HASH" },
    { AttributeName: "sk", KeyType: "RANGE" },
  ];
  const keysOnly = {
    KeySchema: [{ AttributeName: "gpk", KeyType: "HASH" }],
    Projection: { ProjectionType: "KEYS_ONLY" },
  };
  const all = {
    KeySchema: [{ AttributeName: "gpk", KeyType: "HASH" }],
    Projection: { ProjectionType: "ALL" },
  };
  // One "byte" per attribute, except `big`, which counts 3000: units follow the projected entry's size.
  const size = (item: Readonly<Record<string, unknown>>) =>
    Object.keys(item).reduce((sum, k) => sum + (k === "big" ? 3000 : 1), 0);
  const item = (gpk: string | undefined, extra: Record<string, unknown> = {}) => ({
    pk: { S: "P#1" },
    sk: { S: "META" },
    ...(gpk === undefined ? {} : { gpk: { S: gpk } }),
    ...extra,
  });

  it("costs one write when an item enters or leaves the index, none when it is in neither", () => {
    expect(indexWriteUnits(keysOnly, table, undefined, item("A"), size)).toBe(1);
    expect(indexWriteUnits(keysOnly, table, item("A"), item(undefined), size)).toBe(1);
    expect(indexWriteUnits(keysOnly, table, item(undefined), item(undefined, { x: { S: "y" } }), size)).toBe(
      0,
    );
  });

  it("costs two writes when the index key changes: a delete and a put", () => {
    expect(indexWriteUnits(keysOnly, table, item("A"), item("B"), size)).toBe(2);
  });

  it("costs one write when a projected attribute changes, none when only an unprojected one does", () => {
    const before = item("A", { note: { S: "one" } });
    const after = item("A", { note: { S: "two" } });
    expect(indexWriteUnits(all, table, before, after, size)).toBe(1);
    expect(indexWriteUnits(keysOnly, table, before, after, size)).toBe(0);
    expect(
      indexWriteUnits(
        { ...keysOnly, Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["note"] } },
        table,
        before,
        after,
        size,
      ),
    ).toBe(1);
  });

  it("costs one unit per started KB of the projected entry", () => {
    expect(indexWriteUnits(all, table, undefined, item("A", { big: { S: "…" } }), size)).toBe(3);
    expect(indexWriteUnits(keysOnly, table, undefined, item("A", { big: { S: "…" } }), size)).toBe(1);
  });

  it("sees an attribute unchanged whatever the order of its fields", () => {
    const before = item("A", { m: { M: { a: { S: "1" }, b: { S: "2" } } } });
    const after = item("A", { m: { M: { b: { S: "2" }, a: { S: "1" } } } });
    expect(indexWriteUnits(all, table, before, after, size)).toBe(0);
  });
});
