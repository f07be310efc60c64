/**
 * The timeout branch's task: the exact SDK calls (the partnership read with its decisions and ledger, the
 * lead's email, StepTimedOut appended, the sealed token removed), and nothing twice on a retry.
 */
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/tell-lead-of-timeout/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { chainEvent, type LedgerEvent } from "#shared/domain/ledger.ts";
import { ledgerHeadFromPuts, stateUpdates } from "../fixtures/anchor.ts";
import { lambdaContext } from "../fixtures/http-event.ts";
import { decisionItem, partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);
const P = "01KAW0000000000000000000PP";

const REQUESTED = chainEvent(undefined, {
  partnershipId: P,
  at: "2026-11-23T10:00:00.000Z",
  actor: "system:workflow",
  step: "AwaitOfficerDecision",
  type: "OfficerDecisionRequested",
  data: { kind: "intake-review", decisionId: "D1", assignee: "officer@example.org" },
});

function given(events: LedgerEvent[]) {
  const decision = decisionItem(P, { sealedLinkToken: "sealed:v1:x" });
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb
    .on(QueryCommand, {
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `PARTNERSHIP#${P}` },
    })
    .resolves({ Items: [...events.map(eventItem), partnershipItem(P), decision] });
  ledgerHeadFromPuts(ddb, events);
  ddb.on(UpdateCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: "m-1" });
}

const invoke = () => handler({ partnershipId: P, step: "TellLeadStepTimedOut" }, lambdaContext);

describe("tell-lead-of-timeout", () => {
  beforeEach(() => {
    ddb.reset();
    ses.reset();
  });

  it("emails the office (no lead configured), records StepTimedOut, and forgets the sealed link token", async () => {
    given([REQUESTED]);
    expect(await invoke()).toEqual({ told: true });
    const [mail] = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(mail?.Destination?.ToAddresses).toEqual(["office@example.org"]);
    expect(mail?.Message?.Subject?.Data).toBe("Timed out: the intake review for Riverside Tooling Ltd");
    const events = ddb
      .commandCalls(PutCommand)
      .map((c) => c.args[0].input.Item as { type?: string; step?: string; body?: string })
      .filter((item) => item.type);
    expect(events.map((e) => [e.type, (JSON.parse(String(e.body)) as { step?: string }).step])).toEqual([
      ["EmailSent", "TellLeadStepTimedOut"],
      ["StepTimedOut", "TellLeadStepTimedOut"],
    ]);
    expect(JSON.parse(String(events[1]?.body))).toMatchObject({
      data: { kind: "intake-review", decisionId: "D1", state: "AwaitOfficerDecision" },
    });
    expect(stateUpdates(ddb)).toEqual([
      {
        TableName: "partnerflow-test",
        Key: { pk: `PARTNERSHIP#${P}`, sk: "DECISION#D1" },
        UpdateExpression: "REMOVE sealedLinkToken",
        ConditionExpression: "attribute_exists(sealedLinkToken)",
      },
    ]);
  });

  it("a retried task that finds the timeout recorded sends and writes nothing", async () => {
    const recorded = chainEvent(REQUESTED, {
      partnershipId: P,
      at: "2026-11-30T10:00:00.000Z",
      actor: "system:workflow",
      step: "TellLeadStepTimedOut",
      type: "StepTimedOut",
      data: { kind: "intake-review", decisionId: "D1", state: "AwaitOfficerDecision" },
    });
    given([REQUESTED, recorded]);
    expect(await invoke()).toEqual({ told: false });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });
});
