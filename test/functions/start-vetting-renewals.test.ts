/** The renewal sweep's handler: the exact SDK calls, one execution per partnership and round, log lines with ids only. */
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/start-vetting-renewals/handler.ts";
import { captureLog } from "../fixtures/captured-log.ts";
import { lambdaContext } from "../fixtures/http-event.ts";
import { partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
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
