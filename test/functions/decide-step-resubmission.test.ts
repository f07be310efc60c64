/**
 * POST /resubmit/{token} (decide-step, on a resubmission): the partner's answer and corrected intake. Only the POST that wins the link writes anything:
 * the decision is closed with the corrected intake first, and the intake is applied after.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { SendTaskSuccessCommand, SFNClient } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler as submitResubmission } from "#functions/decide-step/handler.ts";
import { toEvent } from "#shared/adapters/dynamodb-ledger.ts";
import { hashToken, mintToken } from "#shared/domain/link-tokens.ts";
import { ledgerHeadFromPuts } from "../fixtures/anchor.ts";
import { lambdaContext, linkFormPost } from "../fixtures/http-event.ts";
import { intakeFormFields, makeIntake } from "../fixtures/intake.ts";
import { partnershipItem } from "../fixtures/items.ts";
import { givenOpenDecision, P, requestedHead } from "../fixtures/open-decision.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const ses = mockClient(SESClient);
const ANSWER = "We serve Riverside Secondary and Eastview Collegiate.";
const { token } = mintToken();
const tokenHash = hashToken(token);
const corrected = makeIntake({ organisation: { name: "Riverside Tooling Cooperative" } });

const givenResubmissionAwaited = () => {
  const head = requestedHead("AwaitPartnerResubmission", "ResubmissionRequested");
  givenOpenDecision(
    ddb,
    tokenHash,
    { kind: "resubmission", assignee: "partner", request: "Which schools do you serve?" },
    head,
  );
  ledgerHeadFromPuts(ddb, [head]);
};

const post = (fields: Record<string, string | string[]>, answer = ANSWER) =>
  submitResubmission(linkFormPost("resubmit", token, { ...fields, answer }), lambdaContext);

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

describe("decide-step on a resubmission", () => {
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
    ses.reset();
  });

  it("closes the decision with the corrected intake, then makes it version 2, records it and resumes", async () => {
    givenResubmissionAwaited();
    // The partnership as read after the decision, for the receipt: its new answers.
    ddb.on(GetCommand, { Key: { pk: `PARTNERSHIP#${P}`, sk: "META" } }).resolves({
      Item: partnershipItem(P, {
        intake: corrected,
        intakeVersion: 2,
        organisationName: "Riverside Tooling Cooperative",
      }),
    });
    const response = await post(intakeFormFields(corrected));
    expect(response.statusCode).toBe(200);

    expect(writes()).toEqual([
      "UpdateCommand DECISION#D1",
      "UpdateCommand META",
      "PutCommand EVENT#000000003",
      "PutCommand EVENT#000000004",
      // The ledger's head, anchored on the partnership.
      "UpdateCommand META",
      // Noted as resumed.
      "UpdateCommand DECISION#D1",
      // The receipt's fresh status link.
      "PutCommand LINK",
      // The receipt recorded once sent (EmailSent, after the newest event), and its head anchored.
      "PutCommand EVENT#000000005",
      "UpdateCommand META",
    ]);
    const [close, apply] = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(close).toMatchObject({
      ConditionExpression: "#status = :open AND linkTokenHash = :h AND attribute_not_exists(retiredAt)",
      ExpressionAttributeValues: expect.objectContaining({
        ":o": "resubmitted",
        ":c": ANSWER,
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
      .filter((c) => String(c.args[0].input.Item?.sk).startsWith("EVENT#"))
      .map((c) => toEvent(c.args[0].input.Item as Record<string, unknown>));
    expect(resubmitted).toMatchObject({
      type: "IntakeResubmitted",
      data: { intakeVersion: 2, intake: corrected, decisionId: "D1" },
    });
    // The partner's answer to the officer's question, for the officer's next review.
    expect(received).toMatchObject({
      type: "ResubmissionReceived",
      actor: "partner",
      data: { kind: "resubmission", outcome: "resubmitted", comment: ANSWER },
    });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({
      taskToken: "TASK-TOKEN-SECRET",
      output: JSON.stringify({ outcome: "resubmitted", comment: ANSWER, decisionId: "D1", intakeVersion: 2 }),
    });
    // A receipt, with a status link that works (only its hash is stored), and the page says how to follow on.
    const receipt = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(receipt?.Message?.Subject?.Data).toBe(
      "We received your updated answers for Riverside Tooling Cooperative",
    );
    const statusToken =
      /\/status\/([A-Za-z0-9_-]{43})/.exec(receipt?.Message?.Body?.Text?.Data ?? "")?.[1] ?? "";
    const link = ddb
      .commandCalls(PutCommand)
      .find((c) => String(c.args[0].input.Item?.pk).startsWith("LINK#"));
    expect(link?.args[0].input.Item).toMatchObject({
      pk: `LINK#${hashToken(statusToken)}`,
      purpose: "status",
    });
    expect(response.body).toContain(`/status/${statusToken}`);
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
    const response = await post({ ...intakeFormFields(corrected), "organisation.name": "" }, "");
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Which schools do you serve?");
    // The answer box too: required, its message next to it, and named in the summary.
    expect(response.body).toContain('<a href="#f-answer">Your answer to the officer</a>: Required');
    expect(response.body).toContain('<p class="error" id="f-answer-error">Required</p>');
    // What the partner typed is kept.
    expect(response.body).toContain('value="Toronto"');
    expect(writes()).toEqual([]);
    expect(ses.calls()).toHaveLength(0);
  });
});
