import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { DynamoDbLedger } from "#shared/adapters/dynamodb-ledger.ts";
import { type EventDraft, type LedgerEvent, verifyLedger } from "#shared/domain/ledger.ts";
import type { EventType } from "#shared/events/registry.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const P = "01KAW0000000000000000000PP";
// The ledger does not read types: short names keep the order readable (cast, as the registry would refuse them).
const draft = (name: string): EventDraft => ({
  partnershipId: P,
  at: "2026-11-23T10:00:00.000Z",
  actor: "system",
  type: name as EventType,
  data: {},
});

/** A table that keeps event items: conditional puts refuse a taken key, the head query returns the last one. */
function table() {
  const items = new Map<string, Record<string, unknown>>();
  ddb.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
    const key = `${input.Item.pk}|${input.Item.sk}`;
    if (items.has(key)) throw new ConditionalCheckFailedException({ message: "taken", $metadata: {} });
    items.set(key, input.Item);
    return {};
  });
  ddb.on(QueryCommand).callsFake(() => {
    const last = [...items.values()].sort((a, b) => String(b.sk).localeCompare(String(a.sk)))[0];
    return { Items: last ? [last] : [] };
  });
  const events = () => [...items.values()].map((item) => JSON.parse(String(item.body)) as LedgerEvent);
  return { items, events };
}

describe("the DynamoDB ledger", () => {
  beforeEach(() => ddb.reset());
  const ledger = () => new DynamoDbLedger(DynamoDBDocumentClient.from(new DynamoDBClient({})), "t");

  it("chains several events after one read of the head", async () => {
    const { events } = table();
    await ledger().append([draft("A")]);
    const written = await ledger().append([draft("B"), draft("C")]);
    expect(written.map((e) => e.seq)).toEqual([2, 3]);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(2);
    expect(verifyLedger(events().sort((a, b) => a.seq - b.seq))).toMatchObject({ ok: true, count: 3 });
  });

  it("chains after another writer's event when that writer took the seq first", async () => {
    const { items, events } = table();
    await ledger().append([draft("A")]);
    const stale = [...items.values()];
    await ledger().append([draft("OTHER")]);
    // Our first read of the head happened before the other writer's put.
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: stale })
      .callsFake(() => {
        const last = [...items.values()].sort((x, y) => String(y.sk).localeCompare(String(x.sk)))[0];
        return { Items: [last] };
      });
    const written = await ledger().append([draft("MINE")]);
    expect(written.map((e) => [e.seq, e.type])).toEqual([[3, "MINE"]]);
    expect(verifyLedger(events().sort((x, y) => x.seq - y.seq))).toMatchObject({ ok: true, count: 3 });
  });

  it("counts a put the SDK retried after it landed as written, instead of appending the same event again", async () => {
    const { items, events } = table();
    await ledger().append([draft("A")]);
    // The first attempt of the put lands but its answer is lost; the SDK's retry is refused by it.
    ddb.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
      items.set(`${input.Item.pk}|${input.Item.sk}`, input.Item);
      throw new ConditionalCheckFailedException({ message: "taken by our own first attempt", $metadata: {} });
    });
    const written = await ledger().append([draft("B")]);
    expect(written.map((e) => [e.seq, e.type])).toEqual([[2, "B"]]);
    expect(
      events()
        .map((e) => e.type)
        .sort(),
    ).toEqual(["A", "B"]);
  });
});

describe("the ledger's head, anchored on META", () => {
  beforeEach(() => ddb.reset());
  const ledger = () => new DynamoDbLedger(DynamoDBDocumentClient.from(new DynamoDBClient({})), "t");

  it("writes the newest event's seq and hash on META once per append, forward only, on a partnership that exists", async () => {
    const { events } = table();
    ddb.on(UpdateCommand).resolves({});
    await ledger().append([draft("A"), draft("B")]);
    const last = events().at(-1) as LedgerEvent;
    expect(ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: "t",
        Key: { pk: `PARTNERSHIP#${P}`, sk: "META" },
        UpdateExpression: "SET headSeq = :seq, headHash = :hash",
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(headSeq) OR headSeq < :seq)",
        ExpressionAttributeValues: { ":seq": 2, ":hash": last.hash },
      },
    ]);
  });

  it("takes a refused anchor (a later head written, or no partnership yet) as done", async () => {
    table();
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: "later", $metadata: {} }));
    await expect(ledger().append([draft("A")])).resolves.toHaveLength(1);
  });
});
