/**
 * The termination's handler on mocked DynamoDB, Step Functions and SES: the lead only (401 without claims, 403
 * to an officer and an auditor, reading nothing), 400 naming the fields that failed, 404 for no such partnership,
 * 409 once ended (writing nothing); and for an active one: the stage moved from ACTIVE with its events owed in
 * that write, the partner emailed the reason, the open decision closed, and StopExecution called for the
 * onboarding and for the execution the decision waited in, with a cause and no failure.
 */
import { DeleteScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { SFNClient, StopExecutionCommand } from "@aws-sdk/client-sfn";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/terminate-partnership/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { chainEvent } from "#shared/domain/ledger.ts";
import { stateUpdates } from "../fixtures/anchor.ts";
import { form, httpEvent, lambdaContext, signedIn } from "../fixtures/http-event.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { decisionItem, partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const ses = mockClient(SESClient);
const scheduler = mockClient(SchedulerClient);
const P = "01KAW0000000000000000000PP";
const API = "POST /api/partnerships/{id}/termination";
const CONSOLE = "POST /console/partnerships/{id}/termination";
const ONBOARDING = `arn:aws:states:eu-west-1:123456789012:execution:onboarding:${P}`;
const RENEWAL = `arn:aws:states:eu-west-1:123456789012:execution:vetting-renewal:${P}-2027-01-05`;

type Answer = { statusCode: number; body: string; headers?: Record<string, string> };

const post = (groups: string | undefined, body: unknown, id = P) =>
  handler(
    signedIn(
      groups,
      {
        ...httpEvent(API, {
          path: `/api/partnerships/${id}/termination`,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        pathParameters: { id },
      },
      "lead@example.org",
    ),
    lambdaContext,
  ) as Promise<Answer>;

const started = chainEvent(undefined, {
  partnershipId: P,
  at: "2026-11-23T10:00:00.000Z",
  actor: "partner",
  type: "IntakeSubmitted",
  data: { stage: "SUBMITTED", intakeVersion: 1, intake: {} },
});

/** Its next review set for a day: the review's one-time schedule pending, named by that day. */
const scheduled = chainEvent(started, {
  partnershipId: P,
  at: "2026-11-23T10:00:01.000Z",
  actor: "system:workflow",
  type: "ScheduleSet",
  data: { kind: "review", dueOn: "2027-11-23" },
});

/**
 * The partnership at `stage` with the vetting renewal's partner step open in its execution: the whole record
 * (read once as it was, then as the ending left it), its decisions, its events, and its ledger's head.
 */
function table(stage: string) {
  const meta = partnershipItem(P, { stage, headSeq: 2, headHash: scheduled.hash });
  const open = decisionItem(P, { kind: "vetting-renewal", assignee: "partner", executionArn: RENEWAL });
  const closed = { ...open, retiredAt: "2026-12-06T10:00:00.000Z", closedBecause: "terminated" };
  let reads = 0;
  ddb.on(GetCommand).resolves({ Item: meta });
  ddb.on(QueryCommand).callsFake((input: { KeyConditionExpression?: string; Limit?: number }) => {
    if (input.Limit === 1) return { Items: [eventItem(scheduled)] };
    if (input.KeyConditionExpression === "pk = :pk")
      return reads++ === 0
        ? { Items: [meta, eventItem(started), eventItem(scheduled), open] }
        : { Items: [{ ...meta, stage: "TERMINATED" }, eventItem(started), eventItem(scheduled), closed] };
    if (input.KeyConditionExpression?.includes(":decisions")) return { Items: [open] };
    return { Items: [eventItem(started), eventItem(scheduled)] };
  });
  ddb.on(UpdateCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  sfn.on(StopExecutionCommand).resolves({ stopDate: new Date() });
  ses.on(SendEmailCommand).resolves({ MessageId: "m1" });
}

describe("terminate-partnership", () => {
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
    ses.reset();
    scheduler.reset();
    scheduler.on(DeleteScheduleCommand).resolves({});
  });

  it("answers 401 without a principal, 403 to an officer and an auditor, reading nothing", async () => {
    expect((await post(undefined, { reason: "x" })).statusCode).toBe(401);
    for (const groups of ["[officers]", "[auditors]"])
      expect((await post(groups, { reason: "x" })).statusCode).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("answers 400 naming the fields, and 404 for a partnership not on file, changing nothing", async () => {
    const missing = await post("[leads]", {});
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body).errors).toEqual([{ field: "reason", message: "Required" }]);
    const extra = await post("[leads]", { reason: "ok", by: "me" });
    expect(JSON.parse(extra.body).errors).toEqual([{ field: "by", message: "Unknown field" }]);
    expect((await post("[leads]", { reason: "x" }, "../etc")).statusCode).toBe(400);
    ddb.on(QueryCommand).resolves({ Items: [] });
    expect((await post("[leads]", { reason: "Over." })).statusCode).toBe(404);
    expect(stateUpdates(ddb)).toEqual([]);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("answers 409 for a partnership that has ended, writing nothing", async () => {
    ddb.on(QueryCommand).resolves({ Items: [partnershipItem(P, { stage: "DECLINED" }), eventItem(started)] });
    const answer = await post("[leads]", { reason: "Over." });
    expect(answer.statusCode).toBe(409);
    expect(JSON.parse(answer.body).message).toMatch(/has ended already \(its stage is “Declined”\)/);
    expect(stateUpdates(ddb)).toEqual([]);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("terminates an active partnership: the stage, the events, the email, the decision closed, the executions stopped", async () => {
    table("ACTIVE");
    const answer = await post("[leads]", { reason: "Students were left unsupervised." });
    expect(answer.statusCode, answer.body).toBe(200);
    // The review's pending one-time schedule is deleted, by the day the ledger records (one gone is no error).
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: `review-${P}-2027-11-23`, GroupName: "partnerflow-reviews-test" },
    ]);
    expect(JSON.parse(answer.body)).toMatchObject({ id: P, stage: "TERMINATED" });
    const [move, clear, close] = stateUpdates(ddb);
    // The move, conditional on the stage as read, with what it owes.
    expect(move).toMatchObject({
      Key: { pk: `PARTNERSHIP#${P}`, sk: "META" },
      ExpressionAttributeValues: expect.objectContaining({ ":from": "ACTIVE", ":to": "TERMINATED" }),
    });
    const values = move?.ExpressionAttributeValues as
      | { ":pending"?: { events: { type: string }[] } }
      | undefined;
    expect(values?.[":pending"]?.events.map((e) => e.type)).toEqual([
      "StageChanged",
      "PartnershipTerminated",
    ]);
    expect(clear?.UpdateExpression).toMatch(/REMOVE/);
    expect(close).toMatchObject({
      Key: { pk: `PARTNERSHIP#${P}`, sk: "DECISION#D1" },
      UpdateExpression:
        "SET retiredAt = :at, closedBecause = :because REMOVE gsi2pk, gsi2sk, sealedLinkToken",
      ExpressionAttributeValues: expect.objectContaining({ ":because": "terminated" }),
    });
    const appended = ddb
      .commandCalls(PutCommand)
      .map((c) => (c.args[0].input.Item as { type?: string }).type)
      .filter(Boolean);
    // The review's schedule removed is recorded (ScheduleSet null).
    expect(appended).toEqual(["StageChanged", "PartnershipTerminated", "EmailSent", "ScheduleSet"]);
    // The partner's contact is told, with the reason.
    const mail = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(mail?.Destination?.ToAddresses).toEqual([makeIntake().contact.email]);
    expect(mail?.Message?.Body?.Text?.Data).toContain("“Students were left unsupervised.”");
    // Stopped with a cause, never a failure of the workflow.
    expect(sfn.commandCalls(StopExecutionCommand).map((c) => c.args[0].input)).toEqual([
      {
        executionArn: ONBOARDING,
        error: "PartnershipEnded",
        cause: "The office lead terminated the partnership",
      },
      {
        executionArn: RENEWAL,
        error: "PartnershipEnded",
        cause: "The office lead terminated the partnership",
      },
    ]);
  });

  it("from the console: the form again (400) with what is wrong, changing nothing; a 303 once terminated", async () => {
    table("VETTING");
    const console = (fields: Record<string, string>) =>
      handler(
        signedIn(
          "[leads]",
          {
            ...httpEvent(CONSOLE, {
              path: `/console/partnerships/${P}/termination`,
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
        lambdaContext,
      ) as Promise<Answer>;
    const unconfirmed = await console({ reason: "Not a fit." });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain("Tick the box to confirm");
    expect(unconfirmed.body).toContain("Not a fit.");
    expect(stateUpdates(ddb)).toEqual([]);
    const done = await console({ reason: "Not a fit.", confirm: "yes" });
    expect(done.statusCode).toBe(303);
    expect(done.headers?.location).toBe(`/console/partnerships/${P}`);
    expect(sfn.commandCalls(StopExecutionCommand)).toHaveLength(2);
  });
});
