/**
 * start-review on mocked DynamoDB, Step Functions and EventBridge Scheduler: an officer or the lead starts an
 * active partnership's review now (202 with the round; the execution named by it; ReviewRequested recorded; the
 * scheduled review deleted); 401 / 403 / 404 / 409 change nothing; the console's POST asks for a confirmation
 * first, and refuses a form from another site.
 */
import { DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient } from "@aws-sdk/client-scheduler";
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/start-review/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { chainEvent } from "#shared/domain/ledger.ts";
import type { HttpEvent } from "#shared/http/http-handler.ts";
import { form, httpEvent, lambdaContext, signedIn } from "../fixtures/http-event.ts";
import { partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const scheduler = mockClient(SchedulerClient);
const P = "01KAW0000000000000000000PP";
const API = "POST /api/partnerships/{id}/reviews";
const CONSOLE = "POST /console/partnerships/{id}/reviews";

const call = (event: HttpEvent) =>
  handler(event, lambdaContext) as Promise<{
    statusCode: number;
    body: string;
    headers?: Record<string, string>;
  }>;
const api = (groups?: string, id = P) =>
  call(signedIn(groups, { ...httpEvent(API), pathParameters: { id } }, "officer@example.org"));
const consolePost = (fields: Record<string, string>, origin = "https://partners.example.org") =>
  call(
    signedIn(
      "[leads]",
      {
        ...httpEvent(CONSOLE, {
          body: form(fields),
          headers: { "content-type": "application/x-www-form-urlencoded", origin },
        }),
        pathParameters: { id: P },
      },
      "lead@example.org",
    ),
  );

const first = chainEvent(undefined, {
  partnershipId: P,
  at: "2026-11-23T10:00:00.000Z",
  actor: "system:workflow",
  type: "ScheduleSet",
  data: { kind: "review", dueOn: "2027-11-23" },
});

function table(stage: string | undefined) {
  ddb
    .on(GetCommand)
    .resolves(stage ? { Item: partnershipItem(P, { stage, headSeq: 1, headHash: first.hash }) } : {});
  ddb.on(QueryCommand).resolves({ Items: [eventItem(first)] });
  ddb.on(PutCommand).resolves({});
}

const appended = () =>
  ddb
    .commandCalls(PutCommand)
    .map((c) => c.args[0].input.Item as { type?: string; body?: string })
    .filter((item) => item.type && item.body)
    .map((item) => JSON.parse(item.body as string) as { type: string; data: Record<string, unknown> });

describe("start-review", () => {
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
    scheduler.reset();
    sfn.on(StartExecutionCommand).resolves({ executionArn: "arn:x", startDate: new Date() });
    scheduler.on(DeleteScheduleCommand).resolves({});
  });

  it("starts an active partnership's review now: 202 with the round, the execution named by it, the schedule deleted", async () => {
    table("ACTIVE");
    const answer = await api("[officers]");
    expect(answer.statusCode).toBe(202);
    const { round, partnershipId } = JSON.parse(answer.body) as { round: string; partnershipId: string };
    expect(partnershipId).toBe(P);
    expect(round).toMatch(/^now-\d{8}T\d{6}Z$/);
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
      {
        stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:review",
        name: `${P}-review-${round}`,
        input: JSON.stringify({ partnershipId: P, round }),
      },
    ]);
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: `review-${P}-2027-11-23`, GroupName: "partnerflow-reviews-test" },
    ]);
    expect(appended().map((e) => [e.type, e.data])).toEqual([
      ["ReviewRequested", { round, requestedBy: "officer@example.org" }],
      ["ScheduleSet", { kind: "review", dueOn: null }],
    ]);
  });

  it("a schedule already gone (it ran, or was deleted) is no error", async () => {
    table("ACTIVE");
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: "gone", Message: "gone", $metadata: {} }));
    expect((await api("[leads]")).statusCode).toBe(202);
  });

  it("401 without sign-in, 403 to an auditor, 404 for no such partnership, 409 when not active: nothing started", async () => {
    table("ACTIVE");
    expect((await api()).statusCode).toBe(401);
    expect((await api("[auditors]")).statusCode).toBe(403);
    expect((await api("[officers]", "not-an-id")).statusCode).toBe(400);
    table(undefined);
    expect((await api("[officers]")).statusCode).toBe(404);
    table("IN_REVIEW");
    const conflict = await api("[officers]");
    expect(conflict.statusCode).toBe(409);
    expect(JSON.parse(conflict.body).message).toMatch(/not active/);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    expect(scheduler.calls()).toHaveLength(0);
    expect(appended()).toEqual([]);
  });

  it("the console's button asks for a confirmation first; confirmed, it starts the review and goes back to the list", async () => {
    table("ACTIVE");
    const asked = await consolePost({});
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("Yes, start the review now");
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    const started = await consolePost({ confirm: "yes" });
    expect(started.statusCode).toBe(303);
    expect(started.headers?.location).toBe(`/console/reviews?started=${P}`);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
  });

  it("the confirmation carries the signed-in bar and the way back to the inbox", async () => {
    table("ACTIVE");
    const asked = await consolePost({});
    expect(asked.body).toContain("Signed in as lead@example.org (lead)");
    expect(asked.body).toContain('<a href="/console/inbox">Inbox</a>');
    expect(asked.body).toContain("Sign out");
  });

  it("the list, back from a start, says whose review started and that the partner was emailed", async () => {
    table("ACTIVE");
    const listed = await call(
      signedIn("[leads]", { ...httpEvent("GET /console/reviews"), queryStringParameters: { started: P } }),
    );
    expect(listed.statusCode).toBe(200);
    expect(listed.body).toContain(
      "The review of Riverside Tooling Ltd has started; the partner was emailed for the self-assessment.",
    );
    const odd = await call(
      signedIn("[leads]", {
        ...httpEvent("GET /console/reviews"),
        queryStringParameters: { started: "<x>" },
      }),
    );
    expect(odd.statusCode).toBe(200);
    expect(odd.body).not.toContain("has started");
  });

  it("a GET of a partnership's reviews (a stale tab) says a review is under way, or asks again; it starts nothing", async () => {
    const get = () =>
      call(
        signedIn("[officers]", {
          ...httpEvent("GET /console/partnerships/{id}/reviews"),
          pathParameters: { id: P },
        }),
      );
    table("IN_REVIEW");
    const underWay = await get();
    expect(underWay.statusCode).toBe(200);
    expect(underWay.body).toContain("A review of Riverside Tooling Ltd is already under way");
    expect(underWay.body).not.toContain("Page not found");
    table("ACTIVE");
    expect((await get()).body).toContain("Yes, start the review now");
    table("TERMINATED");
    const ended = await get();
    expect(ended.statusCode).toBe(409);
    expect(ended.body).toContain("<h1>No review can start</h1>");
    expect(ended.body).not.toContain("Already used");
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    expect(appended()).toEqual([]);
  });

  it("a confirmed start while one is under way (a second click) says so with 409, starting nothing", async () => {
    table("IN_REVIEW");
    const again = await consolePost({ confirm: "yes" });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("is already under way");
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    expect(appended()).toEqual([]);
  });

  it("refuses the console's form posted from another site", async () => {
    table("ACTIVE");
    expect((await consolePost({ confirm: "yes" }, "https://evil.example.com")).statusCode).toBe(403);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});
