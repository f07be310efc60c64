/**
 * The erasure's handler on mocked DynamoDB: the lead only (401 without claims, 403 to an officer and an auditor,
 * reading nothing), 400 for a bad id, 404 for no such partnership, 409 while it has not ended or still owes its
 * last notice (writing nothing), and for an ended one: the PersonalDataErased event appended, then the key item
 * replaced by when it was erased; a repeat appends nothing and answers the same time.
 */
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/erase-personal-data/handler.ts";
import { DATA_KEY_SK } from "#shared/adapters/data-key-item.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { chainEvent } from "#shared/domain/ledger.ts";
import type { HttpEvent } from "#shared/http/http-handler.ts";
import { stateUpdates } from "../fixtures/anchor.ts";
import { httpEvent, lambdaContext, signedIn } from "../fixtures/http-event.ts";
import { partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const P = "01KAW0000000000000000000PP";
const ROUTE = "POST /api/partnerships/{id}/erasure";

const as = (groups: string | undefined, event: HttpEvent) => signedIn(groups, event, "lead@example.org");

const post = (groups?: string, id = P) =>
  handler(as(groups, { ...httpEvent(ROUTE), pathParameters: { id } }), lambdaContext) as Promise<{
    statusCode: number;
    body: string;
  }>;

const submitted = chainEvent(undefined, {
  partnershipId: P,
  at: "2026-11-23T10:00:00.000Z",
  actor: "partner",
  type: "StageChanged",
  data: { from: "SUBMITTED", to: "ASSESSING" },
});

function table(stage: string, events = [submitted], extra: Record<string, unknown> = {}) {
  ddb
    .on(GetCommand)
    .resolves({ Item: partnershipItem(P, { stage, headSeq: 1, headHash: submitted.hash, ...extra }) });
  ddb.on(QueryCommand).resolves({ Items: events.map(eventItem) });
  ddb.on(PutCommand).resolves({});
}

describe("erase-personal-data", () => {
  beforeEach(() => ddb.reset());

  it("answers 401 without a principal, 403 to an officer and an auditor, reading nothing", async () => {
    expect((await post()).statusCode).toBe(401);
    for (const groups of ["[officers]", "[auditors]"]) {
      const answer = await post(groups);
      expect(answer.statusCode).toBe(403);
      // An auditor is refused before the handler (read-only everywhere); an officer by the role check.
      expect(JSON.parse(answer.body).message).toMatch(
        groups === "[auditors]" ? /Auditors can read everything but change nothing/ : /needs the role lead/,
      );
    }
    expect(ddb.calls()).toHaveLength(0);
  });

  it("answers 400 for a malformed id and 404 for a partnership not on file", async () => {
    expect((await post("[leads]", "../etc")).statusCode).toBe(400);
    ddb.on(GetCommand).resolves({});
    expect((await post("[leads]")).statusCode).toBe(404);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("answers 409 while the partnership is under way, or still owes its last notice, writing nothing", async () => {
    table("ACTIVE");
    const active = await post("[leads]");
    expect(active.statusCode).toBe(409);
    expect(JSON.parse(active.body).message).toMatch(/has not ended \(its stage is “Active”\)/);
    table("DECLINED", [submitted], {
      pending: { id: "x", afterSeq: 1, events: [], notice: { kind: "declined", comment: "" } },
    });
    expect((await post("[leads]")).statusCode).toBe(409);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(stateUpdates(ddb)).toEqual([]);
  });

  it("answers 409 for a partnership an agreement was issued to (its PDF names the signatory), writing nothing", async () => {
    const issued = chainEvent(submitted, {
      partnershipId: P,
      at: "2026-12-01T10:00:00.000Z",
      actor: "system:workflow",
      type: "AgreementIssued",
      data: { version: 1, sha256: "a".repeat(64), templateVersion: "t1" },
    });
    table("EXPIRED", [submitted, issued]);
    const answer = await post("[leads]");
    expect(answer.statusCode).toBe(409);
    expect(JSON.parse(answer.body).message).toMatch(/its PDF names the signatory/);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(stateUpdates(ddb)).toEqual([]);
  });

  it("appends PersonalDataErased, then replaces the key item with when it was erased", async () => {
    table("DECLINED");
    const answer = await post("[leads]");
    expect(answer.statusCode).toBe(200);
    const body = JSON.parse(answer.body) as { erased: boolean; erasedAt: string; already: boolean };
    expect(body).toMatchObject({ erased: true, already: false });
    const puts = ddb.commandCalls(PutCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => p.Item?.sk)).toEqual(["EVENT#000000002", DATA_KEY_SK]);
    expect(puts[0]?.Item).toMatchObject({ type: "PersonalDataErased", seq: 2 });
    expect(JSON.parse(String(puts[0]?.Item?.body))).toMatchObject({
      type: "PersonalDataErased",
      actor: "lead:lead@example.org",
      data: { stage: "DECLINED", erasedBy: "u1" },
      seq: 2,
      prevHash: submitted.hash,
    });
    expect(puts[1]).toMatchObject({
      Item: { pk: `PARTNERSHIP#${P}`, sk: DATA_KEY_SK, erasedAt: body.erasedAt },
      ConditionExpression: "attribute_not_exists(erasedAt)",
    });
    expect(puts[1]?.Item).not.toHaveProperty("wrappedKey");
  });

  it("is idempotent: a repeat finds the event, appends nothing and answers its time", async () => {
    const erased = chainEvent(submitted, {
      partnershipId: P,
      at: "2026-12-01T10:00:00.000Z",
      actor: "lead:lead@example.org",
      type: "PersonalDataErased",
      data: { stage: "DECLINED", erasedBy: "u1" },
    });
    table("DECLINED", [submitted, erased]);
    ddb
      .on(PutCommand)
      .rejects(Object.assign(new Error("failed"), { name: "ConditionalCheckFailedException" }));
    ddb.on(GetCommand, { Key: { pk: `PARTNERSHIP#${P}`, sk: DATA_KEY_SK } }).resolves({
      Item: { erasedAt: "2026-12-01T10:00:00.000Z" },
    });
    const answer = await post("[leads]");
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      erased: true,
      erasedAt: "2026-12-01T10:00:00.000Z",
      already: true,
    });
    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item?.sk)).toEqual([DATA_KEY_SK]);
  });
});
