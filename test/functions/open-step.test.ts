import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "#functions/open-step/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { idFromSecret } from "#shared/domain/ids.ts";
import { chainEvent } from "#shared/domain/ledger.ts";
import { hashToken } from "#shared/domain/link-tokens.ts";
import { stateUpdates } from "../fixtures/anchor.ts";
import { lambdaContext } from "../fixtures/http-event.ts";
import { decisionItem, partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);
const P = "01KAW0000000000000000000PP";
const TASK_TOKEN = "TASK-TOKEN-SECRET-1";
const D = idFromSecret(TASK_TOKEN);

const invoke = (extra: { executionId?: string } = {}) =>
  handler(
    {
      partnershipId: P,
      kind: "intake-review",
      state: "AwaitOfficerDecision",
      taskToken: TASK_TOKEN,
      timeoutSeconds: 86_400,
      ...extra,
    },
    lambdaContext,
  );

/** The newest event when the step runs: the assessment. */
const HEAD = chainEvent(undefined, {
  partnershipId: P,
  at: "2026-11-23T10:00:00.000Z",
  actor: "system:workflow",
  step: "AssessNeeds",
  type: "NeedsAssessed",
  data: { round: 1 },
});

/** The partnership with its ledger: one query of its items (the ledger says who may be assigned). */
function givenPartnership() {
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb
    .on(QueryCommand, {
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `PARTNERSHIP#${P}` },
    })
    .resolves({ Items: [eventItem(HEAD), partnershipItem(P)] });
}

/** The decision a first attempt stored, as a repeat finds it. */
function givenStoredDecision(overrides: Record<string, unknown> = {}) {
  ddb
    .on(PutCommand, { Item: { sk: `DECISION#${D}` } })
    .rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
  ddb.on(GetCommand, { Key: { pk: `PARTNERSHIP#${P}`, sk: `DECISION#${D}` } }).resolves({
    Item: {
      partnershipId: P,
      decisionId: D,
      kind: "intake-review",
      assignee: "officer@example.org",
      linkTokenHash: "a".repeat(64),
      taskToken: TASK_TOKEN,
      createdAt: "2026-11-23T10:00:00.000Z",
      dueAt: "2099-01-01T00:00:00.000Z",
      expiresAt: "2099-01-01T00:00:00.000Z",
      status: "open",
      ...overrides,
    },
  });
}

const EXECUTION = `arn:aws:states:eu-west-1:123456789012:execution:partnerflow-onboarding:${P}`;
const KEPT_TOKEN = "k".repeat(43);

/**
 * A decision an earlier attempt opened in EXECUTION's AwaitOfficerDecision, its link's token sealed on it (as
 * handler tests seal: not at all), its request and its email in the ledger.
 */
function givenEmailedDecision(decision: { decisionId: string; taskToken: string }) {
  const stored = decisionItem(P, {
    ...decision,
    sk: `DECISION#${decision.decisionId}`,
    linkTokenHash: hashToken(KEPT_TOKEN),
    sealedLinkToken: `unsealed:${KEPT_TOKEN}`,
    executionArn: EXECUTION,
    state: "AwaitOfficerDecision",
    // Opened a moment ago (the handler reads the system clock): a retry comes within seconds.
    createdAt: new Date(Date.now() - 5_000).toISOString(),
  });
  const meta = { partnershipId: P, actor: "system:workflow", step: "AwaitOfficerDecision" };
  const requested = chainEvent(HEAD, {
    ...meta,
    at: "2026-11-23T10:00:01.000Z",
    type: "OfficerDecisionRequested",
    data: { kind: "intake-review", decisionId: decision.decisionId, assignee: "officer@example.org" },
  });
  const emailed = chainEvent(requested, {
    ...meta,
    at: "2026-11-23T10:00:02.000Z",
    type: "EmailSent",
    data: { template: "intake-review", recipients: [] },
  });
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb
    .on(QueryCommand, {
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `PARTNERSHIP#${P}` },
    })
    .resolves({
      Items: [eventItem(HEAD), eventItem(requested), eventItem(emailed), partnershipItem(P), stored],
    });
  ddb
    .on(QueryCommand, { KeyConditionExpression: "pk = :pk AND begins_with(sk, :decisions)" })
    .resolves({ Items: [stored] });
  return { requested: { linkTokenHash: hashToken(KEPT_TOKEN) }, emailed };
}

function sentLinks(): string[] {
  return ses
    .commandCalls(SendEmailCommand)
    .map(
      (c) =>
        /\/decisions\/([A-Za-z0-9_-]{43})/.exec(c.args[0].input.Message?.Body?.Text?.Data ?? "")?.[1] ?? "",
    );
}

const puts = (prefix: string) =>
  ddb
    .commandCalls(PutCommand)
    .map((c) => c.args[0].input)
    .filter(
      (input) => String(input.Item?.pk).startsWith(prefix) || String(input.Item?.sk).startsWith(prefix),
    );

describe("open-step (the callback task of every human step), opening an intake review", () => {
  beforeEach(() => {
    ddb.reset();
    ses.reset();
  });

  it("stores one decision keyed by its task token, a hashed single-use link, a ledger event, and emails the link", async () => {
    givenPartnership();
    await expect(invoke()).resolves.toEqual({ decisionId: D, emailed: true });

    const [decision] = puts("DECISION#");
    expect(decision).toMatchObject({
      ConditionExpression: "attribute_not_exists(pk)",
      Item: { pk: `PARTNERSHIP#${P}`, sk: `DECISION#${D}`, status: "open", taskToken: TASK_TOKEN },
    });
    const [token] = sentLinks();
    expect(token).toHaveLength(43);
    const link = puts("LINK#")[0]?.Item;
    expect(link).toMatchObject({ pk: `LINK#${hashToken(token ?? "")}`, decisionId: D, singleUse: true });
    expect(decision?.Item?.linkTokenHash).toBe(hashToken(token ?? ""));
    // The token kept for the reminders (sealed with the partnership's key; unsealed in handler tests).
    expect(decision?.Item?.sealedLinkToken).toBe(`unsealed:${token}`);
    // Given no due time (an execution started before reminders), it falls due when it times out.
    expect(decision?.Item?.dueAt).toBe(decision?.Item?.expiresAt);
    expect(puts("EVENT#")[0]?.Item).toMatchObject({
      type: "OfficerDecisionRequested",
      sk: "EVENT#000000002",
    });
    // Chained after the head read with the partnership: the ledger is not queried again.
    expect(JSON.parse(String(puts("EVENT#")[0]?.Item?.body))).toMatchObject({ prevHash: HEAD.hash });
    // Besides that read, one query: the partnership's decisions, for any a retried attempt opened; then, once
    // the email is sent, the ledger's head, to record it (EmailSent).
    expect(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.KeyConditionExpression)).toEqual([
      "pk = :pk",
      "pk = :pk AND begins_with(sk, :decisions)",
      "pk = :pk AND begins_with(sk, :prefix)",
    ]);
    const sent = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(JSON.stringify(sent)).not.toContain(TASK_TOKEN);
    // To the assigned officer, with the office's reply-to, the deadline in the office's time zone, and its signature.
    expect(sent?.Destination?.ToAddresses).toEqual(["officer@example.org"]);
    expect(sent?.ReplyToAddresses).toEqual(["office@example.org"]);
    const text = sent?.Message?.Body?.Text?.Data ?? "";
    expect(text).toMatch(/decide by \w+ \d+, \d{4} at \d+:\d\d [ap]\.m\. E[SD]T \(America\/Toronto\)/);
    expect(text).toContain("— Test Partnerships Office");
    expect(text).toContain("This link is personal to you");
  });

  it("refuses a step kind the registry does not know, opening nothing", async () => {
    givenPartnership();
    const failed = await handler(
      {
        partnershipId: P,
        kind: "no-such-step",
        state: "AwaitNothing",
        taskToken: TASK_TOKEN,
        timeoutSeconds: 60,
      },
      lambdaContext,
    ).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failed?.name).toBe("ValidationError");
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(ses.calls()).toHaveLength(0);
  });

  it("falls due after the step's days and expires at its timeout, later; the inbox index is by due time", async () => {
    givenPartnership();
    await handler(
      {
        partnershipId: P,
        kind: "intake-review",
        state: "AwaitOfficerDecision",
        taskToken: TASK_TOKEN,
        timeoutSeconds: 3 * 86_400,
        dueSeconds: 86_400,
      },
      lambdaContext,
    );
    const item = puts("DECISION#")[0]?.Item as Record<string, string>;
    expect(Date.parse(item.expiresAt ?? "") - Date.parse(item.dueAt ?? "")).toBe(2 * 86_400_000);
    expect(item.gsi2sk?.startsWith(`${item.dueAt}#`)).toBe(true);
    expect(puts("LINK#")[0]?.Item?.expiresAt).toBe(item.expiresAt);
  });

  it("on a repeat with the same task token, reissues the link on the stored decision instead of opening a second", async () => {
    givenPartnership();
    givenStoredDecision();
    await expect(invoke()).resolves.toEqual({ decisionId: D, emailed: true });

    const [token] = sentLinks();
    const rotate = stateUpdates(ddb);
    expect(rotate).toEqual([
      expect.objectContaining({
        Key: { pk: `PARTNERSHIP#${P}`, sk: `DECISION#${D}` },
        ConditionExpression: "#status = :open AND linkTokenHash = :old AND attribute_not_exists(retiredAt)",
        // The new token's sealed copy replaces the old one's, for the reminders (unsealed in handler tests).
        UpdateExpression: "SET linkTokenHash = :new, sealedLinkToken = :sealed",
        ExpressionAttributeValues: {
          ":new": hashToken(token ?? ""),
          ":old": "a".repeat(64),
          ":open": "open",
          ":sealed": `unsealed:${token}`,
        },
      }),
    ]);
    expect(puts("LINK#")[0]?.Item).toMatchObject({ pk: `LINK#${hashToken(token ?? "")}`, decisionId: D });
    expect(puts("EVENT#")[0]?.Item?.body).toContain('"reissued":true');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it("on a repeat with the same task token and the link's sealed copy, keeps the link: writes nothing, sends nothing", async () => {
    const { requested, emailed } = givenEmailedDecision({ decisionId: D, taskToken: TASK_TOKEN });
    ddb.on(GetCommand, { Key: { pk: `LINK#${requested.linkTokenHash}`, sk: "LINK" } }).resolves({
      Item: { pk: `LINK#${requested.linkTokenHash}`, sk: "LINK", decisionId: D },
    });
    await expect(invoke()).resolves.toEqual({ decisionId: D, emailed: false });
    expect(emailed).toBeDefined();
    expect(stateUpdates(ddb)).toEqual([]);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it("retried with a new task token in the same execution and state, hands the open decision to it; no email", async () => {
    const earlier = idFromSecret("TASK-TOKEN-EARLIER");
    const { requested } = givenEmailedDecision({ decisionId: earlier, taskToken: "TASK-TOKEN-EARLIER" });
    ddb.on(GetCommand, { Key: { pk: `LINK#${requested.linkTokenHash}`, sk: "LINK" } }).resolves({
      Item: { pk: `LINK#${requested.linkTokenHash}`, sk: "LINK", decisionId: earlier },
    });
    await expect(invoke({ executionId: EXECUTION })).resolves.toEqual({
      decisionId: earlier,
      emailed: false,
    });
    expect(stateUpdates(ddb)).toEqual([
      {
        TableName: "partnerflow-test",
        Key: { pk: `PARTNERSHIP#${P}`, sk: `DECISION#${earlier}` },
        UpdateExpression: "SET taskToken = :new, reattachedAt = :at",
        ConditionExpression: "#status = :open AND taskToken = :old AND attribute_not_exists(retiredAt)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":new": TASK_TOKEN,
          ":old": "TASK-TOKEN-EARLIER",
          ":at": expect.any(String),
          ":open": "open",
        },
      },
    ]);
    expect(puts("DECISION#")).toEqual([]);
    expect(puts("LINK#")).toEqual([]);
    const events = puts("EVENT#").map((put) => JSON.parse(String(put.Item?.body)));
    expect(events).toEqual([
      expect.objectContaining({
        type: "DecisionReattached",
        data: { kind: "intake-review", decisionId: earlier, emailedAgain: false },
      }),
    ]);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it("retires its own execution's earlier decision (a retried task), never another workflow's open step", async () => {
    const arn = (name: string) => `arn:aws:states:eu-west-1:123456789012:execution:machine:${name}`;
    const open = (decisionId: string, executionArn: string) => ({
      pk: `PARTNERSHIP#${P}`,
      sk: `DECISION#${decisionId}`,
      partnershipId: P,
      decisionId,
      kind: "intake-review",
      assignee: "officer@example.org",
      linkTokenHash: "a".repeat(64),
      taskToken: `TOKEN-${decisionId}`,
      createdAt: "2026-11-23T10:00:00.000Z",
      dueAt: "2099-01-01T00:00:00.000Z",
      expiresAt: "2099-01-01T00:00:00.000Z",
      status: "open",
      executionArn,
    });
    givenPartnership();
    ddb
      .on(QueryCommand, { KeyConditionExpression: "pk = :pk AND begins_with(sk, :decisions)" })
      .resolves({ Items: [open("EARLIER", arn(P)), open("RENEWAL", arn(`${P}-2027-01-05`))] });
    await handler(
      {
        partnershipId: P,
        kind: "intake-review",
        state: "AwaitOfficerDecision",
        taskToken: TASK_TOKEN,
        timeoutSeconds: 86_400,
        executionId: arn(P),
      },
      lambdaContext,
    );
    const retired = stateUpdates(ddb).filter((u) => String(u.UpdateExpression).startsWith("SET retiredAt"));
    expect(retired.map((u) => u.Key)).toEqual([{ pk: `PARTNERSHIP#${P}`, sk: "DECISION#EARLIER" }]);
    expect(puts("EVENT#")[0]?.Item?.body).toContain('"replaces":["EARLIER"]');
  });

  it("on a repeat after the decision was made, opens nothing and sends nothing", async () => {
    givenPartnership();
    givenStoredDecision({ status: "decided", outcome: "approve", decidedAt: "2026-11-23T11:00:00.000Z" });
    await expect(invoke()).resolves.toEqual({ decisionId: D, emailed: false });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(puts("LINK#")).toHaveLength(0);
    expect(puts("EVENT#")).toHaveLength(0);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it("fails with an error whose message, stack and log line carry no email address or token", async () => {
    givenPartnership();
    // SES names the address it rejects (seen in its sandbox, for an unverified recipient).
    const rejected = Object.assign(
      new Error(
        "Email address is not verified. The following identities failed the check in region EU-WEST-1: officer@example.org",
      ),
      { name: "MessageRejected" },
    );
    ses.on(SendEmailCommand).rejects(rejected);
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => lines.push(line));
    const failed = await invoke().then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    vi.restoreAllMocks();
    expect(failed?.name).toBe("MessageRejected");
    expect(failed?.message).toBe(
      "Email address is not verified. The following identities failed the check in region EU-WEST-1: <email>",
    );
    expect(failed?.stack).toContain("region EU-WEST-1: <email>");
    expect(lines.join("\n")).toContain('"reason":"Email address is not verified');
    for (const told of [failed?.message, failed?.stack, lines.join("\n")]) {
      expect(told).not.toContain("officer@example.org");
      expect(told).not.toContain(TASK_TOKEN);
    }
  });
});
