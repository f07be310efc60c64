/**
 * record-outcome's BeginReview on mocked DynamoDB and EventBridge Scheduler, for a review that falls due while the
 * partnership is not active: needing attention, it is set for the next day as a new schedule of that day's name
 * (CreateSchedule, never an update of the one that just ran), then the day that ran is deleted, and ScheduleSet
 * recorded; in another round's review, nothing is started or scheduled, and ScheduleSet null (`coveredBy`) says so.
 */
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "#functions/record-outcome/handler.ts";
import { eventItem, toEvent } from "#shared/adapters/dynamodb-ledger.ts";
import { chainEvent, type LedgerEvent } from "#shared/domain/ledger.ts";
import { lambdaContext } from "../fixtures/http-event.ts";
import { partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const scheduler = mockClient(SchedulerClient);
const P = "01KAW0000000000000000000PP";
const GROUP = "partnerflow-reviews-test";
const DUE = "2027-11-23";

/**
 * The ledger: the review set for DUE; in review, after the round under way began (it needed attention meanwhile,
 * and the review that fell due then was set for DUE).
 */
function ledger(inReview: boolean): LedgerEvent[] {
  const started = chainEvent(undefined, {
    partnershipId: P,
    at: "2027-11-16T14:00:00.000Z",
    actor: "system:workflow",
    type: "ReviewStarted",
    data: { round: "2027-11-16", startedBy: "schedule" },
  });
  const set = chainEvent(inReview ? started : undefined, {
    partnershipId: P,
    at: "2027-11-22T14:00:00.000Z",
    actor: "system:workflow",
    type: "ScheduleSet",
    data: { kind: "review", dueOn: DUE },
  });
  return inReview ? [started, set] : [set];
}

/** The table as the handler reads it: the partnership at `stage` and its ledger (with what it appends). */
function table(stage: string, events: LedgerEvent[]) {
  const head = events.at(-1);
  const meta = partnershipItem(P, { stage, headSeq: head?.seq, headHash: head?.hash });
  const ledgerNow = () => [
    ...events.map(eventItem),
    ...ddb
      .commandCalls(PutCommand)
      .map((c) => c.args[0].input.Item as Record<string, unknown>)
      .filter((item) => String(item.sk ?? "").startsWith("EVENT#")),
  ];
  ddb.on(GetCommand).resolves({ Item: meta });
  ddb
    .on(QueryCommand)
    .callsFake((input: { KeyConditionExpression?: string; ScanIndexForward?: boolean; Limit?: number }) => {
      const items = ledgerNow();
      if (input.KeyConditionExpression?.includes("BETWEEN"))
        return { Items: [meta, ...items.reverse()].slice(0, input.Limit) };
      if (input.ScanIndexForward === false) return { Items: items.reverse().slice(0, input.Limit) };
      if (input.KeyConditionExpression === "pk = :pk") return { Items: [meta, ...items] };
      return { Items: items };
    });
  ddb.on(UpdateCommand).resolves({});
  ddb.on(PutCommand).resolves({});
}

const begin = (round: string) =>
  handler({ partnershipId: P, outcome: "review-started", round, step: "BeginReview" }, lambdaContext);
const appended = () =>
  ddb
    .commandCalls(PutCommand)
    .map((c) => c.args[0].input.Item as Record<string, unknown>)
    .filter((item) => String(item.sk ?? "").startsWith("EVENT#"))
    .map((item) => toEvent(item))
    .map((e) => [e.type, e.data]);

describe("record-outcome: a review due while the partnership is not active", () => {
  beforeEach(() => {
    ddb.reset();
    scheduler.reset();
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: "arn:schedule" });
    // The one that ran is deleted after completion by EventBridge Scheduler: gone already, or deleted now.
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: "gone", Message: "gone", $metadata: {} }));
    // 9:00 in Toronto on the day it fell due.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-11-23T14:00:00.000Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("needing attention: the next day's own schedule created, the day that ran deleted, ScheduleSet recorded", async () => {
    table("NEEDS_ATTENTION", ledger(false));
    expect(await begin(DUE)).toMatchObject({ started: false });
    const created = scheduler.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input);
    expect(created.map((c) => [c.Name, c.GroupName, c.ScheduleExpression, c.ActionAfterCompletion])).toEqual([
      [`review-${P}-2027-11-24`, GROUP, "at(2027-11-24T09:00:00)", "DELETE"],
    ]);
    expect(JSON.parse(created[0]?.Target?.Input ?? "{}").Name).toBe(`${P}-review-2027-11-24`);
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: `review-${P}-${DUE}`, GroupName: GROUP },
    ]);
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toEqual([]);
    expect(appended()).toEqual([["ScheduleSet", { kind: "review", dueOn: "2027-11-24" }]]);
  });

  it("in another round's review: covered by it, no schedule made or deleted, ScheduleSet null with the round", async () => {
    table("IN_REVIEW", ledger(true));
    expect(await begin(DUE)).toMatchObject({ started: false });
    expect(scheduler.calls()).toEqual([]);
    expect(appended()).toEqual([["ScheduleSet", { kind: "review", dueOn: null, coveredBy: "2027-11-16" }]]);
  });
});
