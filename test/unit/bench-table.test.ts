/** The bench's table and its journey rows: layout, verdicts and budgets. */
import { describe, expect, it } from "vitest";
import type { Usage } from "#infra/local/meter.ts";
import type { JourneyCost } from "../bench/cost.ts";
import type { JourneyDefinition } from "../bench/journey-definitions.ts";
import { journeyRows, stretchTable } from "../bench/journey-rows.ts";
import { allWithinBudget, formatTable, info, type Row } from "../bench/table.ts";

describe("table", () => {
  const rows: Row[] = [
    { metric: "bundle a", value: "21.2 KiB", budget: "<= 400 KiB", ok: true },
    { metric: "decision POST p95", value: "61.0 ms", budget: "< 50 ms", ok: false },
    info("journeys per second", "15.6"),
  ];

  it("pads metrics and budgets to the left, right-aligns values, and gives each row its verdict", () => {
    const [header, rule, ...lines] = formatTable(rows);
    expect(header).toBe("metric               measured  budget      result");
    // As wide as the widest line, the verdict included.
    expect(rule).toBe("-".repeat("decision POST p95     61.0 ms  < 50 ms     OVER BUDGET".length));
    expect(lines).toEqual([
      "bundle a             21.2 KiB  <= 400 KiB  ok",
      "decision POST p95     61.0 ms  < 50 ms     OVER BUDGET",
      "journeys per second      15.6  (info)      (info)",
    ]);
  });

  it("is within budget only when no judged row is over, whatever the information rows say", () => {
    expect(allWithinBudget(rows)).toBe(false);
    expect(allWithinBudget([rows[0] as Row, rows[2] as Row])).toBe(true);
  });
});

describe("journey rows", () => {
  const usage: Usage = {
    httpRequests: 4,
    lambdaMs: { "submit-intake": [12.2], "assess-intake": [30, 10] },
    stateTransitions: 5,
    stepFunctionsCalls: { StartExecution: 1, SendTaskSuccess: 1 },
    dynamodb: {
      PutItem: { requests: 10, failed: 0, capacityUnits: 12 },
      Query: { requests: 7, failed: 0, capacityUnits: 8.5 },
      UpdateItem: { requests: 14, failed: 1, capacityUnits: 22 },
    },
    dynamodbIndexWriteUnits: 35,
    emails: 2,
    recipients: 3,
    s3: { PutObject: 2, GetObject: 1 },
  };
  const cost: JourneyCost = {
    lines: [{ service: "Step Functions", quantity: "5 transitions", usd: 0.000125 }],
    totalUsd: 0.000522,
  };
  const journey = (budgets: JourneyDefinition["budgets"]): JourneyDefinition => ({
    name: "approve",
    description: "test",
    budgets,
    run: () => Promise.reject(new Error("not run in a unit test")),
  });
  const find = (rows: Row[], metric: string) => rows.find((r) => r.metric === metric);

  it("judges DynamoDB requests, transitions and cost against the journey's budgets", () => {
    const rows = journeyRows(
      journey({ maxDynamoDbRequests: 30, maxStateTransitions: 5, maxCostUsd: 0.003 }),
      usage,
      cost,
    );
    expect(find(rows, "approve journey: DynamoDB requests")).toEqual({
      metric: "approve journey: DynamoDB requests",
      value: "31",
      budget: "<= 30",
      ok: false,
    });
    expect(find(rows, "approve journey: state transitions")).toMatchObject({ value: "5", ok: true });
    const costRow = rows.find((r) => r.metric.startsWith("approve journey: cost on AWS"));
    expect(costRow).toMatchObject({ value: "$0.000522", budget: "<= $0.003000", ok: true });
  });

  it("reports counts for information where the journey has no budget", () => {
    const rows = journeyRows(journey({}), usage, cost);
    expect(rows.every((r) => r.ok === undefined)).toBe(true);
  });

  it("lists invocations by function and DynamoDB requests by operation, reads before writes", () => {
    const rows = journeyRows(journey({}), usage, cost);
    const metrics = rows.map((r) => r.metric);
    expect(find(rows, "approve journey: Lambda invocations")?.value).toBe("3");
    expect(find(rows, "  assess-intake")?.value).toBe("2 (40 ms locally)");
    expect(metrics.indexOf("  read Query")).toBeLessThan(metrics.indexOf("  write PutItem"));
    expect(find(rows, "  write UpdateItem")?.value).toBe("14 (22 units, 1 failed)");
    expect(find(rows, "  index writes (global secondary indexes)")?.value).toBe("35 units");
    expect(find(rows, "approve journey: SES emails")?.value).toBe("3 (2 messages)");
    expect(find(rows, "approve journey: Step Functions API calls")?.value).toBe("2");
    expect(find(rows, "  Step Functions (5 transitions)")?.value).toBe("$0.000125");
  });

  it("lists S3 requests by operation, and names the dates of the prices", () => {
    const rows = journeyRows(journey({}), usage, cost);
    const metrics = rows.map((r) => r.metric);
    expect(find(rows, "approve journey: S3 requests")?.value).toBe("3");
    const s3 = metrics.indexOf("approve journey: S3 requests");
    expect(rows.slice(s3 + 1, s3 + 3)).toMatchObject([
      { metric: "  GetObject", value: "1" },
      { metric: "  PutObject", value: "2" },
    ]);
    expect(metrics.find((m) => m.includes("cost on AWS"))).toMatch(
      /list prices of \d{4}-\d{2}-\d{2}, S3 and KMS of \d{4}-\d{2}-\d{2}\)$/,
    );
  });
});

describe("a journey's stretches", () => {
  const journey: JourneyDefinition = {
    name: "onboarding",
    description: "test",
    budgets: {},
    run: () => Promise.reject(new Error("not run in a unit test")),
  };
  const none: Usage = {
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

  it("lists each stretch's counts in aligned columns, then their totals", () => {
    const lines = stretchTable(journey, [
      {
        name: "intake",
        usage: {
          ...none,
          stateTransitions: 2,
          lambdaMs: { a: [1, 2], b: [3] },
          dynamodb: { PutItem: { requests: 9, failed: 0, capacityUnits: 9 } },
          recipients: 2,
          httpRequests: 1,
        },
      },
      {
        name: "terms set",
        usage: {
          ...none,
          stateTransitions: 12,
          dynamodb: {
            Query: { requests: 3, failed: 0, capacityUnits: 1 },
            GetItem: { requests: 1, failed: 0, capacityUnits: 1 },
          },
          s3: { PutObject: 1 },
        },
      },
    ]);
    expect(lines).toEqual([
      "onboarding journey, by stretch  transitions  Lambda  DynamoDB  emails  S3  HTTP",
      "1. intake                                 2       3         9       2   0     1",
      "2. terms set                             12       0         4       0   1     0",
      "total                                    14       3        13       2   1     1",
    ]);
  });

  it("is no table for a journey that marked no stretch", () => {
    expect(stretchTable(journey, [])).toEqual([]);
  });
});
