/** The bench's init budget: which SDK clients a bundle holds, which floor judges it, and the verdicts. */
import { describe, expect, it } from "vitest";
import {
  type BundleInputs,
  clientSetName,
  initRows,
  SDK_FREE_MAX_OVER_EMPTY,
  SDK_MAX_OVER_FLOOR,
  sdkClientsIn,
} from "../bench/init-budget.ts";
import { CLIENT_FLOOR_SOURCES, floorSource } from "../bench/sdk-floors.ts";

const inputs = (entries: Record<string, number>): BundleInputs =>
  Object.fromEntries(Object.entries(entries).map(([path, bytesInOutput]) => [path, { bytesInOutput }]));

describe("SDK clients in a bundle", () => {
  it("names each @aws-sdk/client-* package that put code in the bundle, sorted and once each", () => {
    expect(
      sdkClientsIn(
        inputs({
          "node_modules/@aws-sdk/client-sfn/dist-es/SFNClient.js": 900,
          "node_modules/@aws-sdk/client-dynamodb/dist-es/DynamoDBClient.js": 1200,
          "node_modules/@aws-sdk/client-dynamodb/dist-es/commands/QueryCommand.js": 300,
          "node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/QueryCommand.js": 200,
          "node_modules/@aws-sdk/core/dist-es/index.js": 5000,
          "functions/record-decision/handler.ts": 700,
        }),
      ),
    ).toEqual(["dynamodb", "sfn"]);
  });

  it("finds none in a bundle without SDK clients, or whose client files were tree-shaken to nothing", () => {
    expect(
      sdkClientsIn(inputs({ "node_modules/@middy/core/index.js": 4000, "shared/web/page.ts": 900 })),
    ).toEqual([]);
    expect(sdkClientsIn(inputs({ "node_modules/@aws-sdk/client-ses/dist-es/index.js": 0 }))).toEqual([]);
  });

  it("reads a client from a nested node_modules too", () => {
    expect(
      sdkClientsIn(inputs({ "../shared/node_modules/@aws-sdk/client-ses/dist-es/SESClient.js": 10 })),
    ).toEqual(["ses"]);
  });
});

describe("init rows", () => {
  const empty = { name: "(empty handler)", initMs: 100 };
  const floors = new Map([
    ["dynamodb", { name: "dynamodb", initMs: 150 }],
    ["dynamodb+ses+sfn", { name: "dynamodb+ses+sfn", initMs: 200 }],
  ]);
  const row = (metricStart: string, rows: ReturnType<typeof initRows>) => {
    const found = rows.find((r) => r.metric.startsWith(metricStart));
    if (!found) throw new Error(`no row ${metricStart}`);
    return found;
  };

  it("judges an SDK-free function against 1.5x the empty handler", () => {
    const rows = initRows(empty, floors, [
      { name: "page", initMs: 100 * SDK_FREE_MAX_OVER_EMPTY, clients: [] },
      { name: "heavy-page", initMs: 100 * SDK_FREE_MAX_OVER_EMPTY + 1, clients: [] },
    ]);
    expect(row("init page ", rows)).toMatchObject({
      budget: "<= 1.5x empty",
      ok: true,
      value: "1.50x (150 ms)",
    });
    expect(row("init heavy-page ", rows).ok).toBe(false);
  });

  it("judges an SDK function against the floor of its own clients, not of all of them", () => {
    // 185 ms is within 1.2x of the all-clients floor (200) but not of the DynamoDB floor (150) it is judged by.
    const rows = initRows(empty, floors, [
      { name: "reader", initMs: 185, clients: ["dynamodb"] },
      { name: "starter", initMs: 200 * SDK_MAX_OVER_FLOOR, clients: ["sfn", "ses", "dynamodb"] },
    ]);
    expect(row("init reader ", rows)).toMatchObject({
      metric: "init reader (SDK dynamodb)",
      budget: "<= 1.2x floor dynamodb",
      ok: false,
    });
    expect(row("init starter ", rows)).toMatchObject({ budget: "<= 1.2x floor dynamodb+ses+sfn", ok: true });
  });

  it("prints the baseline and each floor for information", () => {
    const rows = initRows(empty, floors, []);
    expect(rows.map((r) => [r.metric, r.value, r.ok])).toEqual([
      ["init (empty handler)", "100 ms", undefined],
      ["init floor: SDK clients dynamodb only", "1.50x (150 ms)", undefined],
      ["init floor: SDK clients dynamodb+ses+sfn only", "2.00x (200 ms)", undefined],
    ]);
  });

  it("refuses to judge a function whose clients no floor was measured for", () => {
    expect(() => initRows(empty, floors, [{ name: "mailer", initMs: 150, clients: ["ses"] }])).toThrow(
      /No floor measured for the SDK clients ses of mailer/,
    );
  });

  it("names a set of clients the same whatever their order", () => {
    expect(clientSetName(["sfn", "dynamodb", "ses"])).toBe("dynamodb+ses+sfn");
  });
});

describe("floor handlers", () => {
  it("build every client asked for, and export a handler", () => {
    const source = floorSource(["dynamodb", "sfn"]);
    expect(source).toContain(CLIENT_FLOOR_SOURCES.dynamodb);
    expect(source).toContain(CLIENT_FLOOR_SOURCES.sfn);
    expect(source).not.toContain("SESClient");
    expect(source).toContain("export const handler");
  });

  it("say which client has no floor yet, rather than measure a partial one", () => {
    expect(() => floorSource(["dynamodb", "sqs"])).toThrow(/client-sqs/);
    expect(() => floorSource([])).toThrow();
  });
});
