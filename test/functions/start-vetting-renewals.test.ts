/** The renewal sweep's handler: the exact SDK calls, one execution per partnership and round, log lines with ids only. */
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/start-vetting-renewals/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { chainEvent, type LedgerEvent } from "#shared/domain/ledger.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { stateUpdates } from "../fixtures/anchor.ts";
import { captureLog } from "../fixtures/captured-log.ts";
import { lambdaContext } from "../fixtures/http-event.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const ses = mockClient(SESClient);
const P = "01KAW0000000000000000000PP";
const ROUND = "2026-01-16";
const RENEWALS = "arn:aws:states:eu-west-1:123456789012:stateMachine:vetting-renewal";

function givenDue(stage: string) {
  ddb.on(QueryCommand, { IndexName: "openDecisionsByDue" }).resolves({
    Items: [
      {
        pk: `PARTNERSHIP#${P}`,
        sk: "SCHEDULE#vetting-renewal",
        itemType: "schedule",
        partnershipId: P,
        kind: "vetting-renewal",
        dueOn: ROUND,
        gsi2pk: "DUE_SCHEDULE",
        gsi2sk: `${ROUND}#${P}#vetting-renewal`,
      },
    ],
  });
  ddb.on(GetCommand).resolves({ Item: partnershipItem(P, { stage }) });
  ddb.on(UpdateCommand).resolves({});
}

describe("start-vetting-renewals", () => {
  const logs = captureLog();
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
    ses.reset();
  });

  it("reads the schedules due by today from the index, starts each active partnership's renewal, then clears it", async () => {
    givenDue("ACTIVE");
    sfn.on(StartExecutionCommand).resolves({ executionArn: "arn:x" });
    expect(await handler({}, lambdaContext)).toEqual({
      started: 1,
      waiting: 0,
      dropped: 0,
      failed: 0,
      deferred: 0,
      lapsed: 0,
    });
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query).toMatchObject({
      IndexName: "openDecisionsByDue",
      KeyConditionExpression: "gsi2pk = :pk AND gsi2sk <= :last",
      ExpressionAttributeValues: { ":pk": "DUE_SCHEDULE" },
    });
    // Up to the end of today in the office's time zone.
    expect(String(query?.ExpressionAttributeValues?.[":last"])).toMatch(/^\d{4}-\d{2}-\d{2}#\uffff$/);
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
      {
        stateMachineArn: RENEWALS,
        name: `${P}-${ROUND}`,
        input: JSON.stringify({ partnershipId: P, round: ROUND, reviewer: "assigned" }),
      },
    ]);
    expect(ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({
        Key: { pk: `PARTNERSHIP#${P}`, sk: "SCHEDULE#vetting-renewal" },
        ConditionExpression: "dueOn = :due",
        UpdateExpression: "SET updatedAt = :at REMOVE dueOn, gsi2pk, gsi2sk",
      }),
    ]);
    expect(logs().join("\n")).toContain('"started":1');
  });

  it("a renewal started before (the name is taken) counts as started, and the schedule is cleared", async () => {
    givenDue("ACTIVE");
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: "exists", $metadata: {} }));
    expect(await handler({}, lambdaContext)).toMatchObject({ started: 1, failed: 0 });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it("a partnership still onboarding waits: nothing started, its schedule due again tomorrow", async () => {
    givenDue("SIGNING");
    expect(await handler({}, lambdaContext)).toMatchObject({ started: 0, waiting: 1 });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    const [moved] = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(moved?.Key).toEqual({ pk: `PARTNERSHIP#${P}`, sk: "SCHEDULE#vetting-renewal" });
    const due = String(moved?.ExpressionAttributeValues?.[":due"]);
    expect(due > ROUND).toBe(true);
    expect(moved?.ExpressionAttributeValues?.[":gsk"]).toBe(`${due}#${P}#vetting-renewal`);
    expect(logs().join("\n")).toContain('"waiting":1');
  });

  it("a start Step Functions refuses is logged as an error with the partnership's id only, and stays due", async () => {
    givenDue("ACTIVE");
    sfn
      .on(StartExecutionCommand)
      .rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException" }));
    expect(await handler({}, lambdaContext)).toMatchObject({ started: 0, failed: 1 });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    const errors = logs().filter((l) => l.includes('"level":"error"'));
    expect(errors.some((l) => l.includes(P) && l.includes("AccessDeniedException"))).toBe(true);
    // No personal data: the organisation and contact are not in the log.
    expect(logs().join("\n")).not.toMatch(/Riverside Tooling|@/);
  });
});

/** The insurance, given and verified, expired on this day: its lapse was due the day after. */
const EXPIRED_ON = "2026-01-15";
const LAPSE_DUE = "2026-01-16";

/** An active partnership's ledger: the intake, the insurance sent with its expiry, verified, and its lapse scheduled. */
function lapsedLedger(): LedgerEvent[] {
  const origin = (actor: string) => ({ partnershipId: P, at: "2025-01-10T10:00:00.000Z", actor });
  const drafts = [
    eventDraft("IntakeSubmitted", origin("partner"), { stage: "SUBMITTED", intakeVersion: 1, intake: {} }),
    eventDraft("VettingEvidenceSubmitted", origin("partner"), {
      kind: "vetting-evidence",
      decisionId: "E",
      outcome: "submitted",
      comment: "",
      details: {
        checklistVersion: "2026-12-v1",
        items: [{ itemId: "liability-insurance", kind: "evidence", issuer: "Maple", expiresOn: EXPIRED_ON }],
      },
    }),
    eventDraft("VettingReviewed", origin("officer:officer@example.org"), {
      kind: "vetting-review",
      decisionId: "V",
      outcome: "verify",
      comment: "",
      details: { verdicts: [{ itemId: "liability-insurance", verdict: "verified" }] },
    }),
    eventDraft("ScheduleSet", origin("system:workflow"), { kind: "evidence-lapse", dueOn: LAPSE_DUE }),
  ];
  const events: LedgerEvent[] = [];
  for (const draft of drafts) events.push(chainEvent(events.at(-1), draft));
  return events;
}

/**
 * The table as the lapse's reads see it: the due schedule from the index; the partnership's META and its
 * ledger, with the events the handler appended so far (so that its second read finds the lapse marked).
 */
function givenLapse(held: LedgerEvent[]) {
  const eventItems = () => [
    ...held.map(eventItem),
    ...ddb
      .commandCalls(PutCommand)
      .map((c) => c.args[0].input.Item as Record<string, unknown>)
      .filter((item) => String(item.sk ?? "").startsWith("EVENT#")),
  ];
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    if (input.IndexName === "openDecisionsByDue")
      return {
        Items: [
          {
            partnershipId: P,
            kind: "evidence-lapse",
            dueOn: LAPSE_DUE,
            gsi2pk: "DUE_SCHEDULE",
            gsi2sk: `${LAPSE_DUE}#${P}#evidence-lapse`,
          },
        ],
      };
    const newestFirst = eventItems().reverse();
    if (String(input.KeyConditionExpression).includes(":meta"))
      return {
        Items: [partnershipItem(P, { stage: "ACTIVE" }), ...newestFirst].slice(0, input.Limit ?? 100),
      };
    if (input.ScanIndexForward === false) return { Items: newestFirst.slice(0, 1) };
    const from = String(input.ExpressionAttributeValues?.[":from"] ?? "");
    return { Items: eventItems().filter((item) => String(item.sk) >= from) };
  });
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: "m" });
}

const appendedEvents = () =>
  ddb
    .commandCalls(PutCommand)
    .map((c) => c.args[0].input.Item as Record<string, unknown>)
    .filter((item) => String(item.sk ?? "").startsWith("EVENT#"))
    .map((item) => JSON.parse(String(item.body)) as LedgerEvent);

describe("start-vetting-renewals: evidence that lapsed", () => {
  const logs = captureLog();
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
    ses.reset();
  });

  it("marks the partnership at risk once, emails the partner and the office, and removes the schedule", async () => {
    givenLapse(lapsedLedger());
    expect(await handler({}, lambdaContext)).toMatchObject({ started: 0, lapsed: 1, failed: 0 });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    // Its own writes: the effects owed, once per lapse; cleared once paid; then the schedule removed.
    const updates = stateUpdates(ddb);
    expect(updates.map((u) => [u.Key, u.ExpressionAttributeNames])).toEqual([
      [
        { pk: `PARTNERSHIP#${P}`, sk: "META" },
        { "#m": `once_evidence-lapsed_${LAPSE_DUE}`, "#slot": "pending" },
      ],
      [{ pk: `PARTNERSHIP#${P}`, sk: "META" }, { "#slot": "pending" }],
      [{ pk: `PARTNERSHIP#${P}`, sk: "SCHEDULE#evidence-lapse" }, undefined],
    ]);
    expect(updates[0]?.ConditionExpression).toBe(
      "attribute_exists(pk) AND attribute_not_exists(#m) AND attribute_not_exists(#slot)",
    );
    expect(updates[2]?.UpdateExpression).toBe("SET updatedAt = :at REMOVE dueOn, gsi2pk, gsi2sk");
    expect(appendedEvents().map((e) => [e.type, e.actor])).toEqual([
      ["PartnershipAtRisk", "system:start-vetting-renewals"],
      ["EmailSent", "system:workflow"],
      ["EmailSent", "system:workflow"],
      ["ScheduleSet", "system:start-vetting-renewals"],
    ]);
    expect(appendedEvents()[0]?.data).toEqual({
      round: LAPSE_DUE,
      reason: "evidence-lapsed",
      items: [{ itemId: "liability-insurance", title: "Liability insurance", expiresOn: EXPIRED_ON }],
    });
    expect(appendedEvents()[3]?.data).toEqual({ kind: "evidence-lapse", dueOn: null });
    const sent = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(sent.map((m) => m.Destination?.ToAddresses)).toEqual([
      [makeIntake().contact.email],
      ["office@example.org"],
    ]);
    expect(sent[1]?.Message?.Subject?.Data).toBe("At risk: Riverside Tooling Ltd: evidence lapsed");
    // No personal data in the log lines.
    expect(logs().join("\n")).not.toMatch(/@/);
    // A run that finds the same schedule again (as if its removal were lost) finds the lapse marked already.
    expect(await handler({}, lambdaContext)).toMatchObject({ lapsed: 0, failed: 0 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
    expect(appendedEvents().filter((e) => e.type === "PartnershipAtRisk")).toHaveLength(1);
  });
});
