/** The periodic review's pure rules: rounds and names, the agreed outcomes, the cadence, the history, the schedule. */
import { describe, expect, it } from "vitest";
import {
  reviewScheduleInput,
  reviewScheduleName,
  START_EXECUTION_TARGET,
} from "#shared/adapters/scheduler-review-schedules.ts";
import {
  agreedOutcomes,
  nextReviewDueOn,
  REVIEW_ROUND,
  reviewCadenceMonths,
  reviewDayReplaced,
  reviewExecutionName,
  reviewHistory,
  roundStartedNow,
  scheduledReviewOn,
} from "#shared/domain/review.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { TERMS } from "../fixtures/agreement.ts";
import { agreementIssued } from "../fixtures/step-ledger.ts";
import { ledgerOf, P } from "../fixtures/step-view.ts";

const origin = (at = "2026-12-06T15:00:00.000Z") => ({ partnershipId: P, at, actor: "system:workflow" });

describe("a review's round and execution name", () => {
  it("a review started now is named by its time, without the colons an execution's name may not hold", () => {
    const round = roundStartedNow(new Date("2026-12-06T11:02:41.123Z"));
    expect(round).toBe("now-20261206T110241Z");
    expect(REVIEW_ROUND.test(round)).toBe(true);
    expect(REVIEW_ROUND.test("2027-12-06")).toBe(true);
    expect(REVIEW_ROUND.test("now-2026-12-06T11:02:41Z")).toBe(false);
    expect(reviewExecutionName(P, round)).toBe(`${P}-review-now-20261206T110241Z`);
    expect(reviewExecutionName(P, round).length).toBeLessThanOrEqual(80);
  });
});

describe("the agreement's outcomes and cadence", () => {
  it("one outcome a line of the expected outcomes, bullets and numbers left off; none before an agreement", () => {
    expect(agreedOutcomes([])).toEqual([]);
    expect(agreedOutcomes(ledgerOf(agreementIssued()))).toEqual([TERMS.expectedOutcomes]);
    const listed = agreementIssued().map((d) =>
      d.type === "AgreementTermsSet"
        ? {
            ...d,
            data: {
              ...d.data,
              details: {
                templateVersion: "2026-12-v1",
                terms: {
                  ...TERMS,
                  expectedOutcomes: "- Thirty students mentored\n\n2. Two workplace visits\n",
                },
              },
            },
          }
        : d,
    );
    expect(agreedOutcomes(ledgerOf(listed))).toEqual(["Thirty students mentored", "Two workplace visits"]);
  });

  it("the agreement's cadence wins; the deployment's when there is no agreement", () => {
    expect(reviewCadenceMonths(ledgerOf(agreementIssued()), 6)).toBe(12);
    expect(reviewCadenceMonths([], 6)).toBe(6);
    expect(nextReviewDueOn("2027-01-31", 1)).toBe("2027-02-28");
  });
});

describe("the review's history", () => {
  it("each round: when it began and who started it, the ratings, the outcome and the next review's day", () => {
    const events = ledgerOf([
      eventDraft("ScheduleSet", origin(), { kind: "review", dueOn: "2027-12-06" }),
      eventDraft("ReviewStarted", origin("2027-12-06T14:00:00.000Z"), {
        round: "2027-12-06",
        startedBy: "schedule",
      }),
      eventDraft("SelfAssessmentGiven", origin("2027-12-08T14:00:00.000Z"), {
        kind: "review-self-assessment",
        decisionId: "D1",
        outcome: "submitted",
        comment: "",
        details: {
          ratings: [
            { outcome: "A", rating: "met", evidence: "x", change: "" },
            { outcome: "B", rating: "not-met", evidence: "y", change: "z" },
          ],
        },
      }),
      eventDraft("ReviewCompleted", origin("2027-12-09T14:00:00.000Z"), {
        round: "2027-12-06",
        outcome: "renew",
        nextReviewOn: "2028-12-09",
      }),
      eventDraft("ScheduleSet", origin("2027-12-09T14:00:00.000Z"), { kind: "review", dueOn: "2028-12-09" }),
    ]);
    expect(reviewHistory(events)).toEqual([
      {
        round: "2027-12-06",
        startedAt: "2027-12-06T14:00:00.000Z",
        startedBy: "schedule",
        ratings: "1 met, 0 partly met, 1 not met",
        outcome: "renew",
        nextReviewOn: "2028-12-09",
      },
    ]);
    expect(scheduledReviewOn(events)).toBe("2028-12-09");
    expect(scheduledReviewOn([])).toBeUndefined();
  });
});

describe("the review day a new one replaces", () => {
  const set = (dueOn: string | null) => eventDraft("ScheduleSet", origin(), { kind: "review", dueOn });
  it("is the newest review day recorded but the new day itself (a retry finds it recorded), none once removed", () => {
    const events = ledgerOf([
      set("2027-12-06"),
      eventDraft("ScheduleSet", origin(), { kind: "vetting-renewal", dueOn: "2027-01-05" }),
    ]);
    expect(reviewDayReplaced(events, "2027-12-07")).toBe("2027-12-06");
    expect(reviewDayReplaced(ledgerOf([set("2027-12-06"), set("2027-12-07")]), "2027-12-07")).toBe(
      "2027-12-06",
    );
    expect(reviewDayReplaced(ledgerOf([set("2027-12-06"), set(null)]), "2028-12-06")).toBeUndefined();
    expect(reviewDayReplaced(ledgerOf([set("2027-12-06")]), "2027-12-06")).toBeUndefined();
    expect(reviewDayReplaced([], "2027-12-06")).toBeUndefined();
  });
});

describe("the EventBridge Scheduler schedule of a review", () => {
  it("one time, at 9:00 on its day in the office's zone, deleted once run, starting the named execution", () => {
    const input = reviewScheduleInput(
      {
        group: "Partnerflow-App-reviews",
        roleArn: "arn:aws:iam::123456789012:role/scheduler",
        stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:Partnerflow-App-Review",
        timeZone: "America/Toronto",
      },
      P,
      "2027-12-06",
    );
    expect(input).toMatchObject({
      Name: `review-${P}-2027-12-06`,
      GroupName: "Partnerflow-App-reviews",
      ScheduleExpression: "at(2027-12-06T09:00:00)",
      ScheduleExpressionTimezone: "America/Toronto",
      FlexibleTimeWindow: { Mode: "OFF" },
      ActionAfterCompletion: "DELETE",
      Target: { Arn: START_EXECUTION_TARGET, RoleArn: "arn:aws:iam::123456789012:role/scheduler" },
    });
    expect(JSON.parse(input.Target?.Input ?? "{}")).toEqual({
      StateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:Partnerflow-App-Review",
      Name: reviewExecutionName(P, "2027-12-06"),
      Input: JSON.stringify({ partnershipId: P, round: "2027-12-06" }),
    });
    // One name per due day, within EventBridge Scheduler's 64 characters.
    expect(reviewScheduleName(P, "2027-12-06")).toBe(`review-${P}-2027-12-06`);
    expect(reviewScheduleName(P, "2027-12-06").length).toBeLessThanOrEqual(64);
  });
});
