/** The scheduled sweep's handler: the exact SDK calls, and log lines with ids and counts only. */
import { SendTaskSuccessCommand, SFNClient } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/resume-stalled-decisions/handler.ts";
import { stateUpdates } from "../fixtures/anchor.ts";
import { captureLog } from "../fixtures/captured-log.ts";
import { lambdaContext } from "../fixtures/http-event.ts";
import { decisionItem, partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const P = "01KAW0000000000000000000PP";
const TOKEN = "TASK-TOKEN-SECRET";
const OUTPUT = JSON.stringify({ outcome: "decline", comment: "Not a fit", decisionId: "D1" });

/** A decided decision whose POST crashed ten minutes ago, as the index and the partition give it. */
function givenStalled() {
  const decidedAt = new Date(Date.now() - 600_000).toISOString();
  const decision = decisionItem(P, {
    taskToken: TOKEN,
    createdAt: decidedAt,
    status: "decided",
    outcome: "decline",
    comment: "Not a fit",
    decidedAt,
    decidedBy: "officer:officer@example.org",
    resumeOutput: OUTPUT,
    gsi2pk: "UNRESUMED_DECISION",
    gsi2sk: `${decidedAt}#${P}#D1`,
  });
  // The ledger has only its first event: the decision's was never written.
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(QueryCommand, { IndexName: "openDecisionsByDue" }).resolves({ Items: [decision] });
  ddb
    .on(QueryCommand, { KeyConditionExpression: "pk = :pk" })
    .resolves({ Items: [decision, partnershipItem(P)] });
}

describe("resume-stalled-decisions", () => {
  const logs = captureLog();
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
  });

  it("reads the unresumed decisions from the index, oldest first, one batch", async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    expect(await handler({}, lambdaContext)).toEqual({
      overdue: 0,
      resumed: 0,
      windowClosed: 0,
      failed: 0,
      deferred: 0,
    });
    expect(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: "partnerflow-test",
        IndexName: "openDecisionsByDue",
        KeyConditionExpression: "gsi2pk = :pk",
        ExpressionAttributeValues: { ":pk": "UNRESUMED_DECISION" },
        Limit: 50,
      },
    ]);
    expect(sfn.calls()).toEqual([]);
    expect(logs()).toEqual([]);
  });

  it("records the missing ledger event, resumes with the stored output, and notes it resumed", async () => {
    givenStalled();
    expect(await handler({}, lambdaContext)).toEqual({
      overdue: 1,
      resumed: 1,
      windowClosed: 0,
      failed: 0,
      deferred: 0,
    });
    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item)).toEqual([
      expect.objectContaining({
        pk: `PARTNERSHIP#${P}`,
        type: "OfficerDecided",
        body: expect.stringContaining('"actor":"officer:officer@example.org"'),
      }),
    ]);
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: TOKEN, output: OUTPUT },
    ]);
    expect(stateUpdates(ddb)).toEqual([
      expect.objectContaining({
        Key: { pk: `PARTNERSHIP#${P}`, sk: "DECISION#D1" },
        UpdateExpression: "SET resumedAt = :at REMOVE gsi2pk, gsi2sk",
      }),
    ]);
  });

  it("logs a decision it could not finish as an error with ids and the error's name, no token or comment", async () => {
    givenStalled();
    sfn
      .on(SendTaskSuccessCommand)
      .rejects(Object.assign(new Error(`bad ${TOKEN}`), { name: "TimeoutError" }));
    expect(await handler({ ignored: true }, lambdaContext)).toEqual({
      overdue: 1,
      resumed: 0,
      windowClosed: 0,
      failed: 1,
      deferred: 0,
    });
    expect(stateUpdates(ddb)).toEqual([]);
    const lines = logs().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ level: "warn", partnershipId: P, decisionId: "D1", error: "TimeoutError" }),
      expect.objectContaining({ level: "error", message: "resume sweep", failed: 1 }),
    ]);
    expect(logs().join("\n")).not.toContain(TOKEN);
    expect(logs().join("\n")).not.toContain("Not a fit");
  });
});
