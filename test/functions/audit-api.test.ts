/**
 * The audit API's handler on mocked DynamoDB: who may read (401 without claims, 403 for an officer), the list's
 * filters (400 for a bad one, read from the byStage index), a timeline, and the check of a chain against the head
 * its META records.
 */
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/audit-api/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import type { LedgerEvent } from "#shared/domain/ledger.ts";
import type { HttpEvent } from "#shared/http/http-handler.ts";
import { httpEvent, lambdaContext, signedIn } from "../fixtures/http-event.ts";
import { partnershipItem } from "../fixtures/items.ts";
import { stageChain } from "../fixtures/stage-chain.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const P = "01KAW0000000000000000000PP";

const as = signedIn;

const get = (routeKey: string, groups?: string, extra: Partial<HttpEvent> = {}) =>
  handler(as(groups, { ...httpEvent(routeKey), ...extra }), lambdaContext) as Promise<{
    statusCode: number;
    body: string;
  }>;

const ledger = (count: number) => stageChain(P, count);

describe("audit-api", () => {
  beforeEach(() => ddb.reset());

  it("answers 401 without a signed-in principal and 403 to an officer, reading nothing", async () => {
    expect((await get("GET /api/audit/partnerships")).statusCode).toBe(401);
    const officer = await get("GET /api/audit/partnerships", "[officers]");
    expect(officer.statusCode).toBe(403);
    expect(JSON.parse(officer.body).message).toMatch(/needs the role auditor or lead/);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("lists one stage's partnerships from the byStage index, newest first, for an auditor and for the lead", async () => {
    ddb.on(QueryCommand, { IndexName: "byStage" }).resolves({
      Items: [partnershipItem(P, { stage: "ACTIVE", updatedAt: "2026-12-01T10:00:00.000Z" })],
    });
    for (const groups of ["[auditors]", "[leads]"]) {
      const answer = await get("GET /api/audit/partnerships", groups, {
        queryStringParameters: { stage: "ACTIVE", from: "2026-11-01", to: "2026-12-31" },
      });
      expect(answer.statusCode).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({
        partnerships: [
          expect.objectContaining({ id: P, stage: "ACTIVE", organisationName: "Riverside Tooling Ltd" }),
        ],
      });
    }
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: "byStage",
      ExpressionAttributeValues: { ":stage": "STAGE#ACTIVE", ":from": "2026-11-01" },
      ScanIndexForward: false,
    });
  });

  it("refuses a bad filter with 400 naming it", async () => {
    const answer = await get("GET /api/audit/partnerships", "[auditors]", {
      queryStringParameters: { stage: "DONE", limit: "500" },
    });
    expect(answer.statusCode).toBe(400);
    const fields = (JSON.parse(answer.body).errors as { field: string }[]).map((f) => f.field);
    expect(fields.sort()).toEqual(["limit", "stage"]);
  });

  it("refuses a day not in the calendar, and a range that ends before it starts, reading nothing", async () => {
    for (const [query, field] of [
      [{ from: "2026-02-30" }, "from"],
      [{ to: "2026-13-45" }, "to"],
      [{ from: "2026-12-07", to: "2026-12-01" }, "to"],
    ] as const) {
      const answer = await get("GET /api/audit/partnerships", "[auditors]", { queryStringParameters: query });
      expect(answer.statusCode, JSON.stringify(query)).toBe(400);
      const fields = (JSON.parse(answer.body).errors as { field: string }[]).map((f) => f.field);
      expect(fields).toEqual([field]);
    }
    expect(ddb.calls()).toHaveLength(0);
  });

  it("verifies a chain that ends at its recorded head, and names the first missing event when the newest were removed", async () => {
    const events = ledger(3);
    const head = events.at(-1) as LedgerEvent;
    ddb.on(GetCommand).resolves({ Item: partnershipItem(P, { headSeq: 3, headHash: head.hash }) });
    ddb.on(QueryCommand).resolves({ Items: events.map(eventItem) });
    const route = "GET /api/audit/partnerships/{id}/verify";
    const ok = await get(route, "[auditors]", { pathParameters: { id: P } });
    expect(JSON.parse(ok.body)).toEqual({ ok: true });
    ddb.on(QueryCommand).resolves({ Items: events.slice(0, 2).map(eventItem) });
    const cut = await get(route, "[auditors]", { pathParameters: { id: P } });
    expect(JSON.parse(cut.body)).toEqual({
      ok: false,
      firstBadSeq: 3,
      reason:
        "the ledger ends at event 2, but its head was recorded at event 3: the newest events are missing",
    });
  });

  it("answers 404 for a partnership there is none of, and 400 for an id that is not one", async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    const route = "GET /api/audit/partnerships/{id}";
    expect((await get(route, "[auditors]", { pathParameters: { id: P } })).statusCode).toBe(404);
    expect((await get(route, "[auditors]", { pathParameters: { id: "../etc" } })).statusCode).toBe(400);
  });
});

describe("audit-api, more", () => {
  beforeEach(() => ddb.reset());

  it("answers a HEAD route as its GET (API Gateway leaves the body out)", async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    expect((await get("HEAD /api/audit/partnerships", "[auditors]")).statusCode).toBe(200);
  });

  it("pages after the cursor's place, whether or not that listing is still there; past the end, nothing", async () => {
    const at = (n: number) => `2026-12-0${n}T10:00:00.000Z`;
    const ids = ["01KAW0000000000000000000P1", "01KAW0000000000000000000P2", "01KAW0000000000000000000P3"];
    ddb.on(QueryCommand, { IndexName: "byStage" }).resolves({ Items: [] });
    ddb
      .on(QueryCommand, { IndexName: "byStage", ExpressionAttributeValues: { ":stage": "STAGE#ACTIVE" } })
      .resolves({
        Items: ids.map((id, i) => partnershipItem(id, { stage: "ACTIVE", updatedAt: at(i + 1) })),
      });
    const page = async (cursor?: string) =>
      JSON.parse(
        (
          await get("GET /api/audit/partnerships", "[auditors]", {
            queryStringParameters: { stage: "ACTIVE", limit: "1", ...(cursor ? { cursor } : {}) },
          })
        ).body,
      ) as { partnerships: { id: string }[]; next?: string };
    const first = await page();
    expect(first.partnerships.map((p) => p.id)).toEqual([ids[2]]);
    const second = await page(first.next);
    expect(second.partnerships.map((p) => p.id)).toEqual([ids[1]]);
    // A cursor of a listing that has gone: the next older one, not the first page again.
    const gone = Buffer.from(`${at(2)}#01KAW0000000000000000000P9`).toString("base64url");
    expect((await page(gone)).partnerships.map((p) => p.id)).toEqual([ids[0]]);
    const end = Buffer.from(`2020-01-01T00:00:00.000Z#X`).toString("base64url");
    expect(await page(end)).toEqual({ partnerships: [] });
  });
});
