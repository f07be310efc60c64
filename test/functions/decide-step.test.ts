import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { SendTaskSuccessCommand, SFNClient, TaskTimedOut } from "@aws-sdk/client-sfn";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler as recordDecision } from "#functions/decide-step/handler.ts";
import { handler as showDecision } from "#functions/show-step/handler.ts";
import { hashToken, mintToken } from "#shared/domain/link-tokens.ts";
import { stateUpdates } from "../fixtures/anchor.ts";
import { form, httpEvent, lambdaContext, linkFormPost, signedIn } from "../fixtures/http-event.ts";
import { givenOpenDecision as givenDecision, P, requestedHead } from "../fixtures/open-decision.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const { token } = mintToken();
const tokenHash = hashToken(token);
const HEAD = requestedHead();
const givenOpenDecision = (overrides: Record<string, unknown> = {}) =>
  givenDecision(ddb, tokenHash, overrides);

const post = (fields: Record<string, string>) =>
  recordDecision(linkFormPost("decisions", token, fields), lambdaContext);

describe("decide-step and show-step, on the officer's intake review", () => {
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
  });

  it("closes the decision conditionally, records it and resumes the workflow with the outcome", async () => {
    givenOpenDecision();
    const response = await post({ noConflict: "yes", outcome: "approve", comment: "" });
    expect(response.statusCode).toBe(200);

    const close = ddb.commandCalls(UpdateCommand).find((c) => c.args[0].input.Key?.sk === "DECISION#D1");
    expect(close?.args[0].input).toMatchObject({
      TableName: "partnerflow-test",
      ConditionExpression: "#status = :open AND linkTokenHash = :h AND attribute_not_exists(retiredAt)",
      ExpressionAttributeValues: expect.objectContaining({
        ":h": tokenHash,
        ":o": "approve",
        ":by": "officer:officer@example.org",
        // Kept with the decision, so that a repeated POST can finish a resume a crash cut short.
        ":out": JSON.stringify({ outcome: "approve", comment: "", decisionId: "D1" }),
        // Out of the open decisions, into the unresumed ones, which the sweep reads by decision time.
        ":upk": "UNRESUMED_DECISION",
        ":usk": expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z#${P}#D1$`)),
      }),
    });
    expect(close?.args[0].input.UpdateExpression).toContain("gsi2pk = :upk, gsi2sk = :usk");
    const event = ddb
      .commandCalls(PutCommand)
      .find((c) => String(c.args[0].input.Item?.sk).startsWith("EVENT#"));
    expect(event?.args[0].input).toMatchObject({
      ConditionExpression: "attribute_not_exists(pk)",
      Item: { pk: `PARTNERSHIP#${P}`, sk: "EVENT#000000003", type: "OfficerDecided" },
    });
    // Chained after the head read with the decision: the ledger is not queried again.
    expect(JSON.parse(String(event?.args[0].input.Item?.body))).toMatchObject({
      seq: 3,
      prevHash: HEAD.hash,
    });
    // The head with the decision, then the partnership's record once, to hash the page the officer was shown;
    // the append is chained after the head read (the ledger is not queried again for it).
    expect(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.KeyConditionExpression)).toEqual([
      "pk = :pk AND sk BETWEEN :events AND :meta",
      "pk = :pk",
    ]);
    expect(JSON.parse(String(event?.args[0].input.Item?.body)).data.shown).toEqual({
      pageSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input)).toEqual([
      {
        taskToken: "TASK-TOKEN-SECRET",
        output: JSON.stringify({ outcome: "approve", comment: "", decisionId: "D1" }),
      },
    ]);
    // Resumed: noted, and out of the unresumed decisions (last, after the resume).
    expect(ddb.commandCalls(UpdateCommand).at(-1)?.args[0].input).toEqual(settled("resumedAt"));
  });

  it("rejects a second POST on a used decision link with 410 and does not resume anything", async () => {
    givenOpenDecision();
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: "used", $metadata: {} }));
    const response = await post({
      noConflict: "yes",
      outcome: "decline",
      comment: "Not now",
      confirm: "yes",
    });
    expect(response.statusCode).toBe(410);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("refuses a link whose decision was already made, before writing anything", async () => {
    givenOpenDecision({ status: "decided", decidedAt: "2026-11-23T11:00:00.000Z" });
    const response = await post({ noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(410);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it("refuses a link that a repeated step replaced with a newer one, before writing anything", async () => {
    givenOpenDecision({ linkTokenHash: hashToken(mintToken().token) });
    const response = await post({ noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain("replaced by a newer one");
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("when Step Functions cannot be reached after the decision is closed: 500, and the decision noted as not resumed", async () => {
    givenOpenDecision();
    sfn
      .on(SendTaskSuccessCommand)
      .rejects(Object.assign(new Error("connect ETIMEDOUT"), { name: "TimeoutError" }));
    const response = await post({ noConflict: "yes", outcome: "approve", comment: "" });
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain("try again");
    const noted = ddb
      .commandCalls(UpdateCommand)
      .map((c) => c.args[0].input)
      .filter((input) => input.UpdateExpression === "SET resumeFailedAt = :at");
    expect(noted).toEqual([
      expect.objectContaining({
        Key: { pk: `PARTNERSHIP#${P}`, sk: "DECISION#D1" },
        ConditionExpression: "#status = :decided",
      }),
    ]);
    // Still among the unresumed decisions, for the officer's repeat or the scheduled sweep.
    const updates = ddb.commandCalls(UpdateCommand).map((c) => String(c.args[0].input.UpdateExpression));
    expect(updates.filter((u) => u.includes("REMOVE gsi2pk"))).toEqual([]);
  });

  it("when the ledger cannot be written after the decision is closed: 500, nothing resumed, the decision noted", async () => {
    givenOpenDecision();
    ddb
      .on(PutCommand)
      .rejects(
        Object.assign(new Error("Throughput exceeds the current capacity"), { name: "ThrottlingException" }),
      );
    const response = await post({ noConflict: "yes", outcome: "approve", comment: "" });
    expect(response.statusCode).toBe(500);
    expect(sfn.calls()).toHaveLength(0);
    const updates = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input.UpdateExpression);
    expect(updates.filter((u) => u === "SET resumeFailedAt = :at")).toHaveLength(1);
  });

  it("finishes at once, on the officer's repeat, a decision whose POST could not resume the workflow", async () => {
    const stored = givenDecided(new Date(Date.now() - 2000).toISOString(), {
      resumeFailedAt: new Date().toISOString(),
    });
    const response = await post({ noConflict: "yes", outcome: "approve", comment: "" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("already been recorded");
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: "TASK-TOKEN-SECRET", output: stored },
    ]);
  });

  /** The note that a decision's resume has ended: how, and out of the unresumed decisions. */
  function settled(field: "resumedAt" | "resumeWindowClosedAt") {
    return {
      TableName: "partnerflow-test",
      Key: { pk: `PARTNERSHIP#${P}`, sk: "DECISION#D1" },
      UpdateExpression: `SET ${field} = :at REMOVE gsi2pk, gsi2sk`,
      // Noted once: a second resume that lost (refused by the engine) must not note its end beside the winner's.
      ConditionExpression:
        "#status = :decided AND attribute_not_exists(resumedAt) AND attribute_not_exists(resumeWindowClosedAt)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":at": expect.any(String), ":decided": "decided" },
    };
  }

  /** A decided link whose POST stored the resume output; the partition as one query returns it (no ledger event). */
  function givenDecided(decidedAt: string, overrides: Record<string, unknown> = {}) {
    const stored = JSON.stringify({ outcome: "approve", comment: "", decisionId: "D1" });
    const { decision, partnership } = givenOpenDecision({
      status: "decided",
      outcome: "approve",
      comment: "",
      decidedAt,
      decidedBy: "officer:officer@example.org",
      resumeOutput: stored,
      ...overrides,
    });
    ddb.on(QueryCommand, { KeyConditionExpression: "pk = :pk" }).resolves({ Items: [decision, partnership] });
    return stored;
  }

  it("finishes a decision whose earlier POST was cut short before the workflow resumed", async () => {
    const stored = givenDecided("2026-01-05T11:00:00.000Z");
    const response = await post({ noConflict: "yes", outcome: "decline", comment: "a second thought" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("already been recorded");
    // The stored decision is what resumes the workflow, not the second POST's.
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: "TASK-TOKEN-SECRET", output: stored },
    ]);
    const event = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item ?? {})[0];
    expect(event).toMatchObject({ type: "OfficerDecided", at: "2026-01-05T11:00:00.000Z" });
    expect(String(event?.body)).toContain('"outcome":"approve"');
    expect(stateUpdates(ddb)).toEqual([settled("resumedAt")]);
  });

  it("answers 410 for a decided link when the workflow has already moved past it", async () => {
    givenDecided("2026-01-05T11:00:00.000Z");
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: "closed", $metadata: {} }));
    const response = await post({ noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(410);
    // The link was used, and its decision taken: not "expired", which would tell the officer it was lost.
    expect(response.body).toContain("already been used");
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
    // Nothing is decided again; the decision only leaves the unresumed ones, noted as its window closed.
    expect(stateUpdates(ddb)).toEqual([settled("resumeWindowClosedAt")]);
  });

  it("answers 410 at once, calling nothing, for a decided link whose resume is noted as done", async () => {
    givenDecided("2026-01-05T11:00:00.000Z", { resumedAt: "2026-01-05T11:00:01.000Z" });
    const response = await post({ noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(410);
    expect(sfn.calls()).toHaveLength(0);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("leaves a decision made moments ago alone (a double click): 410, no second event, no second resume", async () => {
    givenDecided(new Date(Date.now() - 1000).toISOString());
    const response = await post({ noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(410);
    expect(sfn.calls()).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("refuses an expired link with 410", async () => {
    givenOpenDecision({ expiresAt: "2020-01-01T00:00:00.000Z" });
    const response = await post({ noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain("expired");
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it("refuses, showing or deciding, an open decision of a partnership whose onboarding has ended", async () => {
    givenDecision(ddb, tokenHash, {}, HEAD, { stage: "EXPIRED" });
    const shown = await showDecision(
      httpEvent("GET /decisions/{token}", { path: `/decisions/${token}`, pathParameters: { token } }),
      lambdaContext,
    );
    expect(shown.statusCode).toBe(410);
    const response = await post({ noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain("the onboarding it belongs to has ended");
    expect(response.body).not.toContain("correct it and send it again");
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it.each(["", "   "])(
    "answers 400 naming the field when a decline has no reason (%j), and changes nothing",
    async (comment) => {
      givenOpenDecision();
      const response = await post({ noConflict: "yes", outcome: "decline", comment, confirm: "yes" });
      expect(response.statusCode).toBe(400);
      // The same page again, with a summary that links to the field and the message next to it.
      expect(response.body).toContain("<title>Please correct the form: Intake review: Riverside Tooling Ltd");
      expect(response.body).toContain('<a href="#f-comment">Comment for the partner</a>');
      expect(response.body).toContain(
        '<p class="error" id="f-comment-error">Required: say why the intake is declined</p>',
      );
      expect(response.body).toContain(
        'aria-invalid="true" aria-describedby="f-comment-hint f-comment-error"',
      );
      expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
      expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    },
  );

  it("takes an approval whose comment box holds only spaces as one without a comment", async () => {
    givenOpenDecision();
    const response = await post({ noConflict: "yes", outcome: "approve", comment: "   " });
    expect(response.statusCode).toBe(200);
    const close = ddb.commandCalls(UpdateCommand).find((c) => c.args[0].input.Key?.sk === "DECISION#D1");
    expect(close?.args[0].input.ExpressionAttributeValues).toMatchObject({ ":c": "" });
  });

  it("answers 400 for an outcome that does not exist", async () => {
    givenOpenDecision();
    const response = await post({ outcome: "approve-all" });
    expect(response.statusCode).toBe(400);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it("answers 404 for an unknown link", async () => {
    ddb.on(GetCommand).resolves({});
    const response = await post({ noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(404);
  });

  it("answers 410 when the workflow stopped waiting (the task timed out)", async () => {
    givenOpenDecision();
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: "timed out", $metadata: {} }));
    const response = await post({ noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(410);
  });

  it("refuses a form posted from another site", async () => {
    givenOpenDecision();
    const response = await recordDecision(
      httpEvent("POST /decisions/{token}", {
        pathParameters: { token },
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example.com" },
        body: form({ outcome: "approve" }),
      }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(403);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});

describe("decide-step with a staff session", () => {
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
  });

  const postAs = (groups: string, email: string, fields: Record<string, string>) =>
    recordDecision(signedIn(groups, linkFormPost("decisions", token, fields), email), lambdaContext);

  it("records the lead signed in as the decision's actor, not the officer it is assigned to", async () => {
    givenOpenDecision();
    const response = await postAs("[leads]", "lead@example.org", { noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(200);
    const [close] = stateUpdates(ddb);
    expect(close?.ExpressionAttributeValues).toMatchObject({
      ":by": "officer:lead@example.org",
      ":signedInAs": { sub: "u1", email: "lead@example.org" },
    });
    const event = ddb
      .commandCalls(PutCommand)
      .find((c) => String(c.args[0].input.Item?.sk).startsWith("EVENT#"));
    expect(JSON.parse(String(event?.args[0].input.Item?.body))).toMatchObject({
      actor: "officer:lead@example.org",
    });
    // The ledger read once, for the decider's conflicts and the page shown: no more reads than without a session.
    expect(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.KeyConditionExpression)).toEqual([
      "pk = :pk AND sk BETWEEN :events AND :meta",
      "pk = :pk",
    ]);
  });

  it("refuses an auditor's session (403) before anything is read or written", async () => {
    givenOpenDecision();
    const response = await postAs("[auditors]", "auditor@example.org", {
      noConflict: "yes",
      outcome: "approve",
    });
    expect(response.statusCode).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("refuses an escalated decision's link without a session (401), writing nothing", async () => {
    givenOpenDecision({ reminders: 2, escalatedAt: "2026-11-30T14:00:00.000Z" });
    const response = await post({ noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain("This step was escalated to the lead: sign in to decide it.");
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("decides an escalated decision for the lead signed in", async () => {
    givenOpenDecision({ reminders: 2, escalatedAt: "2026-11-30T14:00:00.000Z" });
    const response = await postAs("[leads]", "lead@example.org", { noConflict: "yes", outcome: "approve" });
    expect(response.statusCode).toBe(200);
    expect(stateUpdates(ddb)[0]?.ExpressionAttributeValues).toMatchObject({
      ":by": "officer:lead@example.org",
    });
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });
});

describe("show-step", () => {
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
  });

  it("shows what is being decided and changes nothing (GET never decides)", async () => {
    givenOpenDecision();
    const response = await showDecision(
      httpEvent("GET /decisions/{token}", { pathParameters: { token } }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Riverside Tooling Ltd");
    // The whole address, so that an officer who asked for a postal code sees whether it came.
    expect(response.body).toContain("1200 Lakeshore Blvd E, Toronto, ON, M4M 1B3, Canada");
    expect(response.body).toContain('value="approve"');
    expect(response.body).not.toContain("TASK-TOKEN-SECRET");
    expect(response.headers?.["content-security-policy"]).toContain("default-src 'none'");
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
    // Shown from one read of the partnership's record (the page shows what changed since an earlier round).
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(0);
  });

  it("shows an escalated decision's step with a notice to sign in, changing nothing", async () => {
    givenOpenDecision({ reminders: 2, escalatedAt: "2026-11-30T14:00:00.000Z" });
    const response = await showDecision(
      httpEvent("GET /decisions/{token}", { pathParameters: { token } }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("This step was escalated to the lead: sign in to decide it.");
    expect(response.body).toContain('href="/sign-in"');
    expect(response.body).toContain('value="approve"');
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });
});
