/**
 * The retry's handler on mocked DynamoDB and Step Functions: the lead only (401, 403 to an officer and an
 * auditor, reading nothing), 400 for a bad id (and the page's form unconfirmed), 404 for no such partnership,
 * 409 when it does not need attention (writing and starting nothing); for one that does: the open decision
 * retired, the stage moved back with its events owed, the events appended, then the failed workflow's state
 * machine started at the failed state, named for the retry; 202 (the API) or 303 to the inbox (the page).
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/retry-workflow/handler.ts";
import { eventItem, toEvent } from "#shared/adapters/dynamodb-ledger.ts";
import { chainEvent, type LedgerEvent } from "#shared/domain/ledger.ts";
import type { HttpEvent } from "#shared/http/http-handler.ts";
import { ledgerHeadFromPuts, stateUpdates } from "../fixtures/anchor.ts";
import { form, httpEvent, lambdaContext, signedIn } from "../fixtures/http-event.ts";
import { decisionItem, partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const P = "01KAW0000000000000000000PP";
const API = "POST /api/partnerships/{id}/retry";
const PAGE = "POST /console/partnerships/{id}/retry";

type Answer = { statusCode: number; body: string; headers?: Record<string, string> };
const call = (event: HttpEvent) => handler(event, lambdaContext) as Promise<Answer>;
const api = (groups?: string, id = P) =>
  call(
    signedIn(groups, {
      ...httpEvent(API, { path: `/api/partnerships/${id}/retry` }),
      pathParameters: { id },
    }),
  );
const page = (fields: Record<string, string>, groups = "[leads]") =>
  call(
    signedIn(
      groups,
      {
        ...httpEvent(PAGE, {
          path: `/console/partnerships/${P}/retry`,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            origin: "https://partners.example.org",
          },
          body: form(fields),
        }),
        pathParameters: { id: P },
      },
      "lead@example.org",
    ),
  );

/** The ledger: vetting asked for, then the failure at the checklist's step that moved the stage. */
function ledger(): LedgerEvent[] {
  const requested = chainEvent(undefined, {
    partnershipId: P,
    at: "2026-11-23T10:00:00.000Z",
    actor: "system:workflow",
    type: "StepRequested",
    step: "AwaitVettingEvidence",
    data: {
      kind: "vetting-evidence",
      decisionId: "D1",
      assignee: "partner",
      dueAt: "2026-12-23T10:00:00.000Z",
    },
  });
  const failed = chainEvent(requested, {
    partnershipId: P,
    at: "2026-11-23T10:01:00.000Z",
    actor: "system:workflow",
    type: "WorkflowFailed",
    step: "RecordWorkflowFailure",
    data: {
      error: "InjectedCrashError",
      cause: "",
      workflow: "onboarding",
      execution: P,
      state: "AwaitVettingEvidence",
      from: "VETTING",
    },
  });
  return [requested, failed];
}

function table(stage: string, events = ledger()) {
  const head = events.at(-1);
  const meta = partnershipItem(P, { stage, headSeq: head?.seq, headHash: head?.hash });
  // The failed execution's step, and a vetting renewal's (another workflow's) open beside it.
  const decision = decisionItem(P, {
    kind: "vetting-evidence",
    assignee: "partner",
    executionArn: `arn:aws:states:eu-west-1:000000000000:execution:Onboarding:${P}`,
  });
  const renewal = decisionItem(P, {
    sk: "DECISION#D2",
    decisionId: "D2",
    kind: "vetting-renewal",
    assignee: "partner",
    executionArn: `arn:aws:states:eu-west-1:000000000000:execution:VettingRenewal:${P}-2027-01-05`,
  });
  // The ledger's queries answer its events (the newest, one, as the puts leave it); the record's, everything.
  ddb.on(QueryCommand).resolves({ Items: events.map(eventItem) });
  ledgerHeadFromPuts(ddb, events);
  ddb.on(QueryCommand, { KeyConditionExpression: "pk = :pk" }).resolves({
    Items: [meta, ...events.map(eventItem), decision, renewal],
  });
  ddb
    .on(QueryCommand, { KeyConditionExpression: "pk = :pk AND begins_with(sk, :decisions)" })
    .resolves({ Items: [decision, renewal] });
  ddb.on(UpdateCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  sfn.on(StartExecutionCommand).resolves({ executionArn: "arn", startDate: new Date() });
}

describe("retry-workflow", () => {
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
  });

  it("answers 401 without a principal, 403 to an officer and an auditor, reading nothing", async () => {
    expect((await api()).statusCode).toBe(401);
    expect((await api("[officers]")).statusCode).toBe(403);
    expect((await api("[auditors]")).statusCode).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("answers 400 for a bad id, and a page's form that is not confirmed, changing nothing", async () => {
    expect((await api("[leads]", "not-an-id")).statusCode).toBe(400);
    const unconfirmed = await page({});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain("Tick the box to confirm the retry");
    expect(ddb.calls()).toHaveLength(0);
  });

  it("answers 404 for no such partnership", async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    expect((await api("[leads]")).statusCode).toBe(404);
  });

  it("answers 409 when the partnership does not need attention, writing and starting nothing", async () => {
    table("VETTING", ledger().slice(0, 1));
    const answer = await api("[leads]");
    expect(answer.statusCode).toBe(409);
    expect(JSON.parse(answer.body).detail ?? answer.body).toMatch(/does not need attention/);
    expect(stateUpdates(ddb)).toEqual([]);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("moves the stage back, retires the failed execution's open link alone, records the retry, and starts the workflow at the failed state", async () => {
    table("NEEDS_ATTENTION");
    const answer = await api("[leads]");
    expect(answer.statusCode).toBe(202);
    expect(JSON.parse(answer.body)).toEqual({
      retried: true,
      workflow: "onboarding",
      state: "AwaitVettingEvidence",
      execution: `${P}-retry-1`,
      stage: "VETTING",
      already: false,
    });
    // The move first, then the failed step's decision retired (conditionally), never the renewal's.
    const [move, retire, cleared, ...more] = stateUpdates(ddb);
    expect(more).toEqual([]);
    expect(cleared?.UpdateExpression).toBe("REMOVE #slot");
    expect(retire).toMatchObject({
      Key: { pk: `PARTNERSHIP#${P}`, sk: "DECISION#D1" },
      UpdateExpression: "SET retiredAt = :at REMOVE gsi2pk, gsi2sk, sealedLinkToken",
      ConditionExpression: "#status = :open AND attribute_not_exists(retiredAt)",
    });
    expect(move?.ExpressionAttributeValues).toMatchObject({ ":from": "NEEDS_ATTENTION", ":to": "VETTING" });
    const appended = ddb
      .commandCalls(PutCommand)
      .map((c) => c.args[0].input.Item as Record<string, unknown>)
      .filter((item) => item.itemType === "event")
      .map(toEvent);
    expect(appended.map((e) => e.type)).toEqual(["WorkflowRetried", "StageChanged"]);
    expect(appended[0]).toMatchObject({
      actor: "lead:a@example.org",
      data: { by: "a@example.org", workflow: "onboarding", state: "AwaitVettingEvidence", to: "VETTING" },
    });
    const [start] = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input);
    expect(start?.stateMachineArn).toBe(process.env.STATE_MACHINE_ARN);
    expect(start?.name).toBe(`${P}-retry-1`);
    expect(JSON.parse(start?.input ?? "{}")).toEqual({ partnershipId: P, resumeAt: "AwaitVettingEvidence" });
  });

  it("retires nothing when its move is refused (a termination moved the stage first): 409", async () => {
    table("NEEDS_ATTENTION");
    ddb
      .on(UpdateCommand, { ExpressionAttributeValues: { ":from": "NEEDS_ATTENTION" } })
      .rejects(new ConditionalCheckFailedException({ message: "moved", $metadata: {} }));
    const answer = await api("[leads]");
    expect(answer.statusCode).toBe(409);
    expect(stateUpdates(ddb).filter((u) => String(u.Key?.sk).startsWith("DECISION#"))).toEqual([]);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("from the inbox's form: the same retry, then back to the inbox", async () => {
    table("NEEDS_ATTENTION");
    const answer = await page({ confirm: "yes" });
    expect(answer.statusCode).toBe(303);
    expect(answer.headers?.location).toBe("/console/inbox");
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
  });
});
