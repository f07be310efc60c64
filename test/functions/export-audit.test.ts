/**
 * The ledger export's handler on mocked DynamoDB and S3: who may export (401, 403), a bad format is a 400 naming
 * it (JSON for the API, a page for the console), and an export pages the table, writes every event to exports/
 * once, and answers 303 with a presigned link.
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/export-audit/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { type LedgerEvent, verifyLedger } from "#shared/domain/ledger.ts";
import { httpEvent, lambdaContext, signedIn } from "../fixtures/http-event.ts";
import { stageChain } from "../fixtures/stage-chain.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const A = "01KAW0000000000000000000AA";
const B = "01KAW0000000000000000000BB";

const ledger = (id: string, count: number) => stageChain(id, count, "2026-12-06T09:00:00.000Z");

const as = signedIn;

const get = (path: string, query: Record<string, string> | undefined, groups?: string) =>
  handler(
    as(groups, {
      ...httpEvent(`GET ${path}`),
      ...(query ? { queryStringParameters: query } : {}),
    }),
    lambdaContext,
  ) as Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;

describe("export-audit", () => {
  beforeEach(() => {
    ddb.reset();
    s3.reset();
  });

  it("answers 401 without a principal and 403 to an officer, reading and writing nothing", async () => {
    expect((await get("/api/audit/export", { format: "jsonl" })).statusCode).toBe(401);
    const officer = await get("/api/audit/export", { format: "jsonl" }, "[officers]");
    expect(officer.statusCode).toBe(403);
    expect([ddb.calls(), s3.calls()]).toEqual([[], []]);
  });

  it("refuses a missing or unknown format with a 400 naming the field: JSON on the API, a page on the console", async () => {
    const api = await get("/api/audit/export", { format: "xlsx" }, "[auditors]");
    expect(api.statusCode).toBe(400);
    expect(JSON.parse(api.body)).toMatchObject({
      message: "Choose the export's format: jsonl or csv",
      errors: [expect.objectContaining({ field: "format" })],
    });
    const none = await get("/api/audit/export", undefined, "[leads]");
    expect(none.statusCode).toBe(400);
    const page = await get("/console/export", { format: "pdf" }, "[auditors]");
    expect(page.statusCode).toBe(400);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.body).toMatch(/jsonl or csv/);
    expect([ddb.calls(), s3.calls()]).toEqual([[], []]);
  });

  it("writes every event of every partnership to exports/ once and answers 303 with a presigned link", async () => {
    const a = ledger(A, 3);
    const b = ledger(B, 2);
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb
      .on(QueryCommand, { IndexName: "byStage", ExpressionAttributeValues: { ":stage": "STAGE#ACTIVE" } })
      .resolves({
        Items: [
          { id: B, headSeq: 2, headHash: b[1]?.hash },
          { id: A, headSeq: 3, headHash: a[2]?.hash },
        ],
      });
    for (const [id, events] of [
      [A, a],
      [B, b],
    ] as const)
      ddb
        .on(QueryCommand, { ExpressionAttributeValues: { ":pk": `PARTNERSHIP#${id}`, ":prefix": "EVENT#" } })
        .resolves({ Items: events.map(eventItem) });
    s3.on(PutObjectCommand).resolves({});

    const answer = await get("/console/export", { format: "jsonl" }, "[auditors]");
    expect(answer.statusCode).toBe(303);
    const put = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(put).toHaveLength(1);
    expect(put[0]).toMatchObject({
      Bucket: "partnerflow-evidence-test",
      Key: expect.stringMatching(/^exports\/ledger-[0-9TZ-]+-[0-9a-f]{16}\.jsonl$/),
      ContentType: "application/x-ndjson; charset=utf-8",
      IfNoneMatch: "*",
    });
    const lines = Buffer.from(put[0]?.Body as Uint8Array)
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as LedgerEvent);
    // In the order of the partnerships' ids, each one's events in order.
    expect(lines.map((e) => [e.partnershipId, e.seq])).toEqual([
      [A, 1],
      [A, 2],
      [A, 3],
      [B, 1],
      [B, 2],
    ]);
    expect(verifyLedger(lines.filter((e) => e.partnershipId === A))).toMatchObject({ ok: true });
    const location = new URL(answer.headers.location ?? "");
    expect(location.pathname).toContain(put[0]?.Key);
    expect(location.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(answer.body)).toMatchObject({ format: "jsonl", partnerships: 2, events: 5 });
  });
});
