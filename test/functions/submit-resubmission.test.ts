/**
 * POST /resubmit/{token}: the partner's corrected intake. Only the POST that wins the link writes anything:
 * the decision is closed with the corrected intake first, and the intake is applied after.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { SendTaskSuccessCommand, SFNClient } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler as submitResubmission } from "#functions/submit-resubmission/handler.ts";
import { toEvent } from "#shared/adapters/dynamodb-ledger.ts";
import { hashToken, mintToken } from "#shared/domain/link-tokens.ts";
import { lambdaContext, linkFormPost } from "../fixtures/http-event.ts";
import { intakeFormFields, makeIntake } from "../fixtures/intake.ts";
import { givenOpenDecision, P, requestedHead } from "../fixtures/open-decision.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const { token } = mintToken();
const tokenHash = hashToken(token);
const corrected = makeIntake({ organisation: { name: "Riverside Tooling Cooperative" } });

const givenResubmissionAwaited = () =>
  givenOpenDecision(
    ddb,
    tokenHash,
    { kind: "resubmission", assignee: "partner", request: "Which schools do you serve?" },
    requestedHead("AwaitPartnerResubmission", "ResubmissionRequested"),
  );

const post = (fields: Record<string, string | string[]>) =>
  submitResubmission(linkFormPost("resubmit", token, fields), lambdaContext);

/** Each write the handler sent, in order: the command's name and the item it wrote to. */
const writes = () =>
  ddb
    .calls()
    .map(
      (call) =>
        call.args[0] as {
          constructor: { name: string };
          input: { Key?: { sk: string }; Item?: { sk: string } };
        },
    )
    .filter((command) => command instanceof UpdateCommand || command instanceof PutCommand)
    .map((command) => `${command.constructor.name} ${(command.input.Key ?? command.input.Item)?.sk}`);

describe("submit-resubmission", () => {
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
  });

  it("closes the decision with the corrected intake, then makes it version 2, records it and resumes", async () => {
    givenResubmissionAwaited();
    const response = await post(intakeFormFields(corrected));
    expect(response.statusCode).toBe(200);

    expect(writes()).toEqual([
      "UpdateCommand DECISION#D1",
      "UpdateCommand META",
      "PutCommand EVENT#000000003",
      "PutCommand EVENT#000000004",
      // Noted as resumed.
      "UpdateCommand DECISION#D1",
    ]);
    const [close, apply] = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(close).toMatchObject({
      ConditionExpression: "#status = :open AND linkTokenHash = :h AND attribute_not_exists(retiredAt)",
      ExpressionAttributeValues: expect.objectContaining({
        ":o": "resubmitted",
        ":by": "partner",
        ":resubmission": { intakeVersion: 2, intake: corrected },
      }),
    });
    expect(apply).toMatchObject({
      ConditionExpression: "intakeVersion = :previous",
      ExpressionAttributeValues: expect.objectContaining({ ":previous": 1, ":version": 2, ":i": corrected }),
    });
    const [resubmitted, received] = ddb
      .commandCalls(PutCommand)
      .map((c) => toEvent(c.args[0].input.Item as Record<string, unknown>));
    expect(resubmitted).toMatchObject({
      type: "IntakeResubmitted",
      data: { intakeVersion: 2, intake: corrected },
    });
    expect(received).toMatchObject({ type: "ResubmissionReceived", actor: "partner" });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({
      taskToken: "TASK-TOKEN-SECRET",
      output: JSON.stringify({ decisionId: "D1", intakeVersion: 2 }),
    });
  });

  it("a POST that loses the link to another writes nothing: 410, the intake untouched", async () => {
    givenResubmissionAwaited();
    // Another POST closed the decision between this one's read of the link and its close.
    ddb
      .on(UpdateCommand, { Key: { pk: `PARTNERSHIP#${P}`, sk: "DECISION#D1" } })
      .rejects(new ConditionalCheckFailedException({ message: "decided", $metadata: {} }));
    const response = await post(intakeFormFields(corrected));
    expect(response.statusCode).toBe(410);
    expect(writes()).toEqual(["UpdateCommand DECISION#D1"]);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it("answers an invalid resubmission with the form and its messages, and writes nothing", async () => {
    givenResubmissionAwaited();
    const response = await post({ ...intakeFormFields(corrected), "organisation.name": "" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Which schools do you serve?");
    expect(writes()).toEqual([]);
  });
});
