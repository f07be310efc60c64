/**
 * The review schedules on EventBridge Scheduler, on a mocked SchedulerClient: one one-time schedule per
 * partnership and due day (`review-<id>-<day>`), created and never updated (the one that just ran may still be
 * being deleted after completion); the same day again is set already; a new day deletes the one it replaces;
 * a cancel deletes the day the ledger records as pending; a schedule already gone is no error.
 */
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { SchedulerReviewCancellation } from "#shared/adapters/scheduler-review-cancellation.ts";
import { SchedulerReviewSchedules } from "#shared/adapters/scheduler-review-schedules.ts";

const scheduler = mockClient(SchedulerClient);
const P = "01KAW0000000000000000000PP";
const GROUP = "Partnerflow-App-reviews";
const settings = {
  group: GROUP,
  roleArn: "arn:aws:iam::123456789012:role/scheduler",
  stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:Partnerflow-App-Review",
  timeZone: "America/Toronto",
};
const schedules = () => new SchedulerReviewSchedules(new SchedulerClient({}), settings);
const created = () =>
  scheduler.commandCalls(CreateScheduleCommand).map((c) => {
    const { Name, GroupName, ScheduleExpression, ActionAfterCompletion, Target } = c.args[0].input;
    return {
      Name,
      GroupName,
      ScheduleExpression,
      ActionAfterCompletion,
      execution: JSON.parse(Target?.Input ?? "{}").Name,
    };
  });
const deleted = () => scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input);
const gone = () => new ResourceNotFoundException({ message: "gone", Message: "gone", $metadata: {} });

beforeEach(() => {
  scheduler.reset();
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: "arn:schedule" });
  scheduler.on(DeleteScheduleCommand).resolves({});
});

describe("the review schedules on EventBridge Scheduler", () => {
  it("creates the day's own schedule, deleted once run, starting the execution named by the day", async () => {
    await schedules().schedule(P, "2027-12-06");
    expect(created()).toEqual([
      {
        Name: `review-${P}-2027-12-06`,
        GroupName: GROUP,
        ScheduleExpression: "at(2027-12-06T09:00:00)",
        ActionAfterCompletion: "DELETE",
        execution: `${P}-review-2027-12-06`,
      },
    ]);
    expect(deleted()).toEqual([]);
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toEqual([]);
  });

  it("sets the next day as a new schedule, never an update of the one that just ran, then deletes that one", async () => {
    // The one that ran is being deleted by EventBridge Scheduler (after completion): already gone is no error.
    scheduler.on(DeleteScheduleCommand).rejects(gone());
    await schedules().schedule(P, "2027-12-07", "2027-12-06");
    expect(created().map((c) => c.Name)).toEqual([`review-${P}-2027-12-07`]);
    expect(deleted()).toEqual([{ Name: `review-${P}-2027-12-06`, GroupName: GROUP }]);
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toEqual([]);
  });

  it("deletes the day it replaces only once the new one is set: a create that fails deletes nothing", async () => {
    scheduler.on(CreateScheduleCommand).rejects(new Error("throttled"));
    await expect(schedules().schedule(P, "2028-12-06", "2027-12-07")).rejects.toThrow("throttled");
    expect(deleted()).toEqual([]);
  });

  it("takes the same day again as set already (a retry, a double fire's postponement), deleting nothing of it", async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: "exists", Message: "exists", $metadata: {} }));
    await schedules().schedule(P, "2027-12-07", "2027-12-07");
    await schedules().schedule(P, "2027-12-07");
    expect(created().map((c) => c.Name)).toEqual([`review-${P}-2027-12-07`, `review-${P}-2027-12-07`]);
    expect(deleted()).toEqual([]);
  });

  it("cancels the day recorded as pending, by its name; none recorded deletes nothing; one gone is no error", async () => {
    for (const cancellation of [
      schedules(),
      new SchedulerReviewCancellation(new SchedulerClient({}), GROUP),
    ]) {
      scheduler.reset();
      scheduler.on(DeleteScheduleCommand).rejects(gone());
      await cancellation.cancel(P, "2027-12-06");
      await cancellation.cancel(P, undefined);
      expect(deleted()).toEqual([{ Name: `review-${P}-2027-12-06`, GroupName: GROUP }]);
      expect(scheduler.commandCalls(CreateScheduleCommand)).toEqual([]);
    }
  });

  it("passes on any other error of a delete", async () => {
    scheduler.on(DeleteScheduleCommand).rejects(new Error("access denied"));
    await expect(
      new SchedulerReviewCancellation(new SchedulerClient({}), GROUP).cancel(P, "2027-12-06"),
    ).rejects.toThrow("access denied");
  });
});
