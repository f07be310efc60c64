/**
 * The reminder sweep's handler: the exact SDK calls (the index read for decisions past due, the conditional
 * claim of today's reminder, the email with the same link, the ledger), on a business day the clock offset
 * chooses; nothing on a weekend; log lines with ids only.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/send-reminders/handler.ts";
import { isBusinessDay } from "#shared/domain/business-days.ts";
import { todayIn } from "#shared/domain/calendar-dates.ts";
import { chainEvent } from "#shared/domain/ledger.ts";
import { CLOCK_OFFSET_ENV } from "#shared/ports/clock.ts";
import { ledgerHeadFromPuts, stateUpdates } from "../fixtures/anchor.ts";
import { captureLog } from "../fixtures/captured-log.ts";
import { lambdaContext } from "../fixtures/http-event.ts";
import { decisionItem, partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);
const P = "01KAW0000000000000000000PP";
const TOKEN = "T".repeat(43);
const DAY_MS = 86_400_000;

/** The clock offset (whole days) that makes today, in the office's zone, a business day, or a weekend day. */
function offsetTo(business: boolean): string {
  for (let days = 0; days < 7; days++) {
    const today = todayIn(new Date(Date.now() + days * DAY_MS), "America/Toronto");
    if (isBusinessDay(today, []) === business) return String(days);
  }
  throw new Error("No such day this week");
}

const HEAD = chainEvent(undefined, {
  partnershipId: P,
  at: "2026-11-23T10:00:00.000Z",
  actor: "partner",
  type: "IntakeSubmitted",
  data: { stage: "SUBMITTED", intakeVersion: 1, intake: {} },
});

function givenOverdue(overrides: Record<string, unknown> = {}) {
  const now = Date.now() + Number(process.env[CLOCK_OFFSET_ENV] ?? 0) * DAY_MS;
  const decision = decisionItem(P, {
    dueAt: new Date(now - DAY_MS).toISOString(),
    expiresAt: new Date(now + 5 * DAY_MS).toISOString(),
    sealedLinkToken: `unsealed:${TOKEN}`,
    gsi2pk: "OPEN_DECISION",
    ...overrides,
  });
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(QueryCommand, { IndexName: "openDecisionsByDue" }).resolves({ Items: [decision] });
  ddb
    .on(GetCommand, { Key: { pk: `PARTNERSHIP#${P}`, sk: "META" } })
    .resolves({ Item: partnershipItem(P, { stage: "ASSESSING" }) });
  ledgerHeadFromPuts(ddb, [HEAD]);
  ddb.on(UpdateCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: "m-1" });
}

describe("send-reminders", () => {
  const logs = captureLog();
  beforeEach(() => {
    ddb.reset();
    ses.reset();
  });
  afterEach(() => {
    delete process.env[CLOCK_OFFSET_ENV];
  });

  it("reminds the officer of a decision past due, once, with the same link, and records it", async () => {
    process.env[CLOCK_OFFSET_ENV] = offsetTo(true);
    givenOverdue();
    expect(await handler({}, lambdaContext)).toEqual({
      businessDay: true,
      reminded: 1,
      escalated: 0,
      skipped: 0,
      failed: 0,
      deferred: 0,
    });
    const query = ddb.commandCalls(QueryCommand, { IndexName: "openDecisionsByDue" })[0]?.args[0].input;
    expect(query).toMatchObject({
      KeyConditionExpression: "gsi2pk = :pk AND gsi2sk < :before",
      ExpressionAttributeValues: { ":pk": "OPEN_DECISION" },
    });
    const today = todayIn(
      new Date(Date.now() + Number(process.env[CLOCK_OFFSET_ENV]) * DAY_MS),
      "America/Toronto",
    );
    expect(stateUpdates(ddb)).toEqual([
      {
        TableName: "partnerflow-test",
        Key: { pk: `PARTNERSHIP#${P}`, sk: "DECISION#D1" },
        UpdateExpression: "SET reminders = :count, lastRemindedOn = :on",
        ConditionExpression:
          "#status = :open AND linkTokenHash = :h AND attribute_not_exists(retiredAt) AND attribute_not_exists(escalatedAt)" +
          " AND (attribute_not_exists(lastRemindedOn) OR lastRemindedOn <> :on)" +
          " AND (attribute_not_exists(reminders) OR reminders = :previous)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":open": "open",
          ":h": "a".repeat(64),
          ":on": today,
          ":count": 1,
          ":previous": 0,
        },
      },
    ]);
    const [mail] = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(mail?.Destination?.ToAddresses).toEqual(["officer@example.org"]);
    expect(mail?.Message?.Body?.Text?.Data).toContain(`https://partners.example.org/decisions/${TOKEN}`);
    const types = ddb
      .commandCalls(PutCommand)
      .map((c) => (c.args[0].input.Item as { type?: string }).type)
      .filter(Boolean);
    expect(types).toEqual(["EmailSent", "ReminderSent"]);
    // Ids only: no token, no address.
    expect(logs().join("\n")).toContain('"reminded":1');
    expect(logs().join("\n")).not.toMatch(new RegExp(`${TOKEN}|@`));
  });

  it("sends nothing when another run claimed today's reminder first", async () => {
    process.env[CLOCK_OFFSET_ENV] = offsetTo(true);
    givenOverdue();
    ddb
      .on(UpdateCommand, { Key: { pk: `PARTNERSHIP#${P}`, sk: "DECISION#D1" } })
      .rejects(new ConditionalCheckFailedException({ message: "claimed", $metadata: {} }));
    expect(await handler({}, lambdaContext)).toMatchObject({ reminded: 0, skipped: 1 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it("escalates after the reminders: to the office when there is no lead, without the link", async () => {
    process.env[CLOCK_OFFSET_ENV] = offsetTo(true);
    givenOverdue({ reminders: 2, lastRemindedOn: "2000-01-01" });
    expect(await handler({}, lambdaContext)).toMatchObject({ reminded: 0, escalated: 1 });
    const [claim] = stateUpdates(ddb);
    expect(claim?.UpdateExpression).toBe("SET reminders = :count, lastRemindedOn = :on, escalatedAt = :at");
    expect(claim?.ExpressionAttributeValues).toMatchObject({ ":count": 2, ":previous": 2 });
    const [mail] = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(mail?.Destination?.ToAddresses).toEqual(["office@example.org"]);
    expect(mail?.Message?.Body?.Text?.Data).not.toContain(TOKEN);
  });

  it("on a weekend reads nothing and sends nothing", async () => {
    process.env[CLOCK_OFFSET_ENV] = offsetTo(false);
    givenOverdue();
    expect(await handler({}, lambdaContext)).toMatchObject({ businessDay: false, reminded: 0 });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});
