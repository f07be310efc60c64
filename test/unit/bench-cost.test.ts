/** The bench's cost arithmetic: a journey's measured usage priced service by service. */
import { describe, expect, it } from "vitest";
import type { Usage } from "#infra/local/meter.ts";
import { dynamodbKind, dynamodbTotals, journeyCost, s3Kind, s3Totals, usd } from "../bench/cost.ts";
import type { CostAssumptions, Prices } from "../bench/prices.ts";

/** Round figures, so that each expected amount can be worked out by hand. */
const prices: Prices = {
  region: "test-region",
  takenOn: "2026-01-01",
  stepFunctionsPerTransition: 0.01,
  lambdaPerRequest: 0.001,
  lambdaArmPerGbSecond: 0.1,
  dynamodbPerReadUnit: 0.0001,
  dynamodbPerWriteUnit: 0.001,
  sesPerEmail: 0.02,
  httpApiPerRequest: 0.003,
  s3AndKmsTakenOn: "2026-01-02",
  s3PerWriteRequest: 0.05,
  s3PerReadRequest: 0.004,
  kmsPerRequest: 0.0003,
};
const assumptions: CostAssumptions = {
  lambdaBilledMsAtLeast: 100,
  writeUnitsPerFailedWrite: 1,
  kmsRequestsPerObjectRequest: 1,
};

const usage = (overrides: Partial<Usage> = {}): Usage => ({
  httpRequests: 0,
  lambdaMs: {},
  stateTransitions: 0,
  stepFunctionsCalls: {},
  dynamodb: {},
  dynamodbIndexWriteUnits: 0,
  emails: 0,
  recipients: 0,
  s3: {},
  ...overrides,
});

const line = (cost: ReturnType<typeof journeyCost>, service: string) => {
  const found = cost.lines.find((l) => l.service === service);
  if (!found) throw new Error(`no ${service} line`);
  return found;
};

describe("journey cost", () => {
  it("prices transitions, emails by recipient and HTTP requests at their unit prices", () => {
    const cost = journeyCost(
      usage({ stateTransitions: 5, emails: 2, recipients: 3, httpRequests: 4 }),
      { memoryMb: {} },
      prices,
      assumptions,
    );
    expect(line(cost, "Step Functions")).toEqual({
      service: "Step Functions",
      quantity: "5 transitions",
      usd: 0.05,
    });
    expect(line(cost, "SES").usd).toBeCloseTo(0.06, 10);
    expect(line(cost, "HTTP API").usd).toBeCloseTo(0.012, 10);
    expect(cost.totalUsd).toBeCloseTo(0.05 + 0.06 + 0.012, 10);
  });

  it("bills each invocation at its function's memory for the stated minimum, or as measured when longer", () => {
    const cost = journeyCost(
      // 512 MB for 100 ms (the minimum, not the measured 20), and 1024 MB for 300 ms (299.2 rounded up).
      usage({ lambdaMs: { small: [20], big: [299.2] } }),
      { memoryMb: { small: 512, big: 1024 } },
      prices,
      assumptions,
    );
    expect(line(cost, "Lambda requests").usd).toBeCloseTo(0.002, 10);
    expect(line(cost, "Lambda duration").quantity).toBe("0.35 GB-s");
    expect(line(cost, "Lambda duration").usd).toBeCloseTo(0.035, 10);
  });

  it("refuses an invocation of a function whose memory it does not know", () => {
    expect(() =>
      journeyCost(usage({ lambdaMs: { ghost: [1] } }), { memoryMb: {} }, prices, assumptions),
    ).toThrow(/ghost/);
  });

  it("bills DynamoDB read units and write units, counting failed writes and index writes with the table's", () => {
    const cost = journeyCost(
      usage({
        dynamodb: {
          Query: { requests: 2, failed: 0, capacityUnits: 1.5 },
          GetItem: { requests: 1, failed: 0, capacityUnits: 1 },
          PutItem: { requests: 3, failed: 1, capacityUnits: 4 },
          UpdateItem: { requests: 1, failed: 0, capacityUnits: 2 },
          DescribeTable: { requests: 1, failed: 0, capacityUnits: 0 },
        },
        dynamodbIndexWriteUnits: 5,
      }),
      { memoryMb: {} },
      prices,
      assumptions,
    );
    expect(line(cost, "DynamoDB reads")).toMatchObject({ quantity: "2.5 RRU" });
    expect(line(cost, "DynamoDB reads").usd).toBeCloseTo(0.00025, 10);
    // 4 + 2 from the table, 1 for the failed put, 5 for the indexes.
    expect(line(cost, "DynamoDB writes")).toMatchObject({ quantity: "12 WRU" });
    expect(line(cost, "DynamoDB writes").usd).toBeCloseTo(0.012, 10);
  });
});

describe("S3 and KMS", () => {
  it("bills PUT, COPY, POST and LIST at one price, GET and the others at another, DELETE not at all", () => {
    expect(["PutObject", "CopyObject", "PostObject", "ListObjectsV2"].map(s3Kind)).toEqual([
      "write",
      "write",
      "write",
      "write",
    ]);
    expect(["GetObject", "HeadObject", "HeadBucket"].map(s3Kind)).toEqual(["read", "read", "read"]);
    expect(["DeleteObject", "DeleteObjects"].map(s3Kind)).toEqual(["free", "free"]);
  });

  it("prices S3 requests by kind, and one KMS request for each object written or read", () => {
    const cost = journeyCost(
      usage({ s3: { PutObject: 3, HeadObject: 1, GetObject: 2, ListObjects: 1, DeleteObject: 4 } }),
      { memoryMb: {} },
      prices,
      assumptions,
    );
    expect(line(cost, "S3 PUT, COPY, POST, LIST")).toMatchObject({ quantity: "4 requests" });
    expect(line(cost, "S3 PUT, COPY, POST, LIST").usd).toBeCloseTo(0.2, 10);
    expect(line(cost, "S3 GET and others")).toMatchObject({ quantity: "3 requests" });
    expect(line(cost, "S3 GET and others").usd).toBeCloseTo(0.012, 10);
    // The three PUTs and two GETs; not the HEAD, the LIST or the DELETEs, which touch no object's bytes.
    expect(line(cost, "KMS (bound)")).toMatchObject({ quantity: "5 requests" });
    expect(line(cost, "KMS (bound)").usd).toBeCloseTo(0.0015, 10);
    expect(cost.totalUsd).toBeCloseTo(0.2 + 0.012 + 0.0015, 10);
  });

  it("asks KMS for nothing when the journey touches no object", () => {
    const cost = journeyCost(usage(), { memoryMb: {} }, prices, assumptions);
    expect(line(cost, "KMS (bound)")).toEqual({ service: "KMS (bound)", quantity: "0 requests", usd: 0 });
    expect(s3Totals(usage({ s3: { HeadBucket: 2 } }))).toEqual({ writes: 0, reads: 2, withKms: 0 });
  });
});

describe("DynamoDB operations", () => {
  it("sorts data-plane operations into reads and writes and leaves the control plane out", () => {
    expect(["GetItem", "BatchGetItem", "Query", "Scan"].map(dynamodbKind)).toEqual([
      "read",
      "read",
      "read",
      "read",
    ]);
    expect(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"].map(dynamodbKind)).toEqual([
      "write",
      "write",
      "write",
      "write",
    ]);
    expect(dynamodbKind("DescribeTable")).toBe("other");
  });

  it("totals requests and units by kind", () => {
    expect(
      dynamodbTotals(
        usage({
          dynamodb: {
            Query: { requests: 7, failed: 0, capacityUnits: 8.5 },
            PutItem: { requests: 10, failed: 2, capacityUnits: 12 },
            ListTables: { requests: 1, failed: 0, capacityUnits: 0 },
          },
        }),
      ),
    ).toEqual({ reads: 7, writes: 10, readUnits: 8.5, writeUnits: 12, failedWrites: 2 });
  });
});

describe("dollar amounts", () => {
  it("shows fractions of a cent to six decimals", () => {
    expect(usd(0.000522)).toBe("$0.000522");
    expect(usd(0.003)).toBe("$0.003000");
  });
});
