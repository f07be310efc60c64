/** The scheduled intake sweep's handler: the exact SDK calls, and log lines with ids and counts only. */
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "#functions/finish-stalled-intakes/handler.ts";
import { recipientHash } from "#shared/domain/recipient-hash.ts";
import { configureLog } from "#shared/http/log.ts";
import { stateUpdates } from "../fixtures/anchor.ts";
import { lambdaContext } from "../fixtures/http-event.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const ses = mockClient(SESClient);
const P = "01KAW0000000000000000000PP";

/**
 * A partnership left at SUBMITTED ten minutes ago by a request killed after it claimed the acknowledgement,
 * and before it began the ledger: the mocked table keeps the events put, and answers the ledger's head from them.
 */
function givenStalled() {
  const at = new Date(Date.now() - 600_000).toISOString();
  const item = partnershipItem(P, {
    stage: "SUBMITTED",
    assessmentRound: 0,
    submittedAt: at,
    updatedAt: at,
    acknowledgementClaimedAt: at,
    gsi1pk: "STAGE#SUBMITTED",
    gsi1sk: `${at}#${P}`,
  });
  const events: Record<string, unknown>[] = [];
  ddb.on(PutCommand).callsFake((input: { Item?: Record<string, unknown> }) => {
    if (String(input.Item?.sk ?? "").startsWith("EVENT#") && input.Item) events.push(input.Item);
    return {};
  });
  // The ledger, read for its head when the acknowledgement is recorded (EmailSent).
  ddb.on(QueryCommand).callsFake(() => ({ Items: events.slice(-1) }));
  ddb.on(QueryCommand, { IndexName: "byStage" }).resolves({ Items: [item] });
  ddb.on(GetCommand, { Key: { pk: `PARTNERSHIP#${P}`, sk: "META" } }).resolves({ Item: item });
}

describe("finish-stalled-intakes", () => {
  let logged: string[];
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
    ses.reset();
    logged = [];
    configureLog({ quiet: false });
    const keep = (line: unknown) => void logged.push(String(line));
    vi.spyOn(console, "log").mockImplementation(keep);
    vi.spyOn(console, "error").mockImplementation(keep);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    configureLog({ quiet: true });
  });

  it("reads the partnerships at SUBMITTED from the byStage index, past those it finished, and logs nothing when there are none", async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const before = Date.now();
    expect(await handler({}, lambdaContext)).toEqual({
      stalled: 0,
      acknowledged: 0,
      started: 0,
      busy: 0,
      failed: 0,
      deferred: 0,
    });
    const [query] = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(query).toEqual({
      TableName: "partnerflow-test",
      IndexName: "byStage",
      KeyConditionExpression: "gsi1pk = :stage AND gsi1sk BETWEEN :from AND :before",
      // Past those it finished, and those it gave up on.
      FilterExpression: "attribute_not_exists(#finished) AND attribute_not_exists(#gaveUp)",
      ExpressionAttributeNames: { "#finished": "once_workflowStarted", "#gaveUp": "once_intakeSweepGaveUp" },
      ExpressionAttributeValues: {
        ":stage": "STAGE#SUBMITTED",
        ":from": expect.any(String),
        ":before": expect.any(String),
      },
      Limit: 25,
    });
    const cutoff = Date.parse(String(query?.ExpressionAttributeValues?.[":before"]));
    expect(cutoff).toBeGreaterThanOrEqual(before - 60_000);
    expect(cutoff).toBeLessThanOrEqual(Date.now() - 60_000);
    expect([sfn.calls(), ses.calls(), logged]).toEqual([[], [], []]);
  });

  it("claims and sends the acknowledgement with a new status link, marks it, starts the execution and marks it started", async () => {
    givenStalled();
    expect(await handler({}, lambdaContext)).toMatchObject({ stalled: 1, acknowledged: 1, started: 1 });
    const updates = stateUpdates(ddb);
    expect(updates.map((u) => u.UpdateExpression)).toEqual([
      "SET acknowledgementClaimedAt = :at",
      "SET #m = :at",
      "SET #m = :at",
    ]);
    // The acknowledgement is recorded in the ledger: its template and a hash of the address, not the address.
    const sent = ddb
      .commandCalls(PutCommand)
      .map((c) => c.args[0].input.Item)
      .find((i) => i?.type === "EmailSent");
    expect(JSON.parse(String(sent?.body)).data).toEqual({
      template: "acknowledgement",
      recipients: [{ role: "partner", addressSha256: recipientHash(P, makeIntake().contact.email) }],
    });
    expect(JSON.stringify(sent)).not.toContain(makeIntake().contact.email);
    expect(updates.map((u) => u.ExpressionAttributeNames?.["#m"])).toEqual([
      undefined,
      "once_acknowledged",
      "once_workflowStarted",
    ]);
    // The ledger, which the request never began, begins with the intake as stored (only where none is), and
    // the acknowledgement comes after it.
    const puts = ddb.commandCalls(PutCommand).map((c) => c.args[0].input);
    const intake = puts[0];
    expect(intake?.ConditionExpression).toBe("attribute_not_exists(pk)");
    expect(JSON.parse(String(intake?.Item?.body))).toMatchObject({
      seq: 1,
      type: "IntakeSubmitted",
      actor: "partner",
      data: { stage: "SUBMITTED", intakeVersion: 1 },
    });
    expect(JSON.parse(String(sent?.body))).toMatchObject({ seq: 2, type: "EmailSent" });
    const link = puts[1]?.Item;
    expect(link).toMatchObject({ itemType: "link", purpose: "status", partnershipId: P });
    const mail = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(mail?.Destination?.ToAddresses).toEqual([makeIntake().contact.email]);
    expect(mail?.Message?.Body?.Text?.Data).toMatch(
      /https:\/\/partners\.example\.org\/status\/[A-Za-z0-9_-]{43}/,
    );
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
      {
        stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:onboarding",
        name: P,
        input: JSON.stringify({ partnershipId: P }),
      },
    ]);
    expect(logged.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: "info",
        message: "intake sweep",
        stalled: 1,
        acknowledged: 1,
        started: 1,
      }),
    ]);
  });

  it("logs an intake it could not finish as an error line with its id and the error's name, no address", async () => {
    givenStalled();
    ses.on(SendEmailCommand).rejects(
      Object.assign(new Error(`Address rejected: ${makeIntake().contact.email}`), {
        name: "MessageRejected",
      }),
    );
    expect(await handler({}, lambdaContext)).toMatchObject({ stalled: 1, failed: 1, started: 0 });
    expect(sfn.calls()).toEqual([]);
    expect(logged.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: "warn", partnershipId: P, error: "MessageRejected" }),
      expect.objectContaining({ level: "error", message: "intake sweep", failed: 1 }),
    ]);
    expect(logged.join("\n")).not.toContain(makeIntake().contact.email);
  });
});
