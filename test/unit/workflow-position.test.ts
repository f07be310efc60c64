/**
 * Where the console draws a partnership's current state, around the ends of its workflows: a failure is the
 * failed workflow's WorkflowFailed (the two workflows share that state; the failure's `round` says it was the
 * vetting renewal's), never hidden behind the onboarding's Active; a renewal recorded, or marked at risk, is at
 * the renewal's end state, not its last task; the email a step sends after its event changes nothing.
 */
import { describe, expect, it } from "vitest";
import type { AslGraph } from "#shared/domain/workflow-asl.ts";
import { type PlacedEvent, positionOf } from "#shared/domain/workflow-position.ts";
import graphs from "#shared/workflows/workflows.asl.json" with { type: "json" };

const GRAPHS: { onboarding: AslGraph; "vetting-renewal": AslGraph } = graphs;

/** An onboarding that reached Active, then what follows, numbered on. */
function ledger(...then: Omit<PlacedEvent, "seq">[]): PlacedEvent[] {
  const onboarding: Omit<PlacedEvent, "seq">[] = [
    { step: undefined, type: "IntakeSubmitted" },
    { step: "AssessNeeds", type: "NeedsAssessed" },
    { step: "ActivatePartnership", type: "StageChanged" },
    { step: "DeliverSignedAgreement", type: "AgreementDelivered" },
  ];
  return [...onboarding, ...then].map((e, i) => ({ ...e, seq: i + 1 }));
}

const failure = (round?: string): Omit<PlacedEvent, "seq"> => ({
  step: "RecordWorkflowFailure",
  type: "WorkflowFailed",
  data: { error: "States.TaskFailed", cause: "boom", ...(round ? { round } : {}) },
});
const emailFrom = (step: string): Omit<PlacedEvent, "seq"> => ({ step, type: "EmailSent", data: {} });

describe("the current state around the ends of the workflows", () => {
  it("is the onboarding's WorkflowFailed when the onboarding failed, whatever its stage", () => {
    const vetting: PlacedEvent[] = [
      { seq: 1, step: "AwaitVettingEvidence", type: "StepRequested" },
      { seq: 2, ...failure() },
      { seq: 3, ...emailFrom("RecordWorkflowFailure") },
    ];
    expect(positionOf("VETTING", vetting, GRAPHS)).toMatchObject({
      workflow: "onboarding",
      state: "WorkflowFailed",
      because: expect.stringContaining("seq 3"),
    });
    // Delivering the signed agreement failed after the activation: the failure, not Active.
    expect(positionOf("ACTIVE", ledger(failure()), GRAPHS)).toMatchObject({
      workflow: "onboarding",
      state: "WorkflowFailed",
    });
  });

  it("is the vetting renewal's WorkflowFailed when a renewal failed (its failure carries the round)", () => {
    const failed = ledger(
      { step: "AwaitRenewedEvidence", type: "StepRequested" },
      failure("2027-03-01"),
      emailFrom("RecordWorkflowFailure"),
    );
    expect(positionOf("ACTIVE", failed, GRAPHS)).toMatchObject({
      workflow: "vetting-renewal",
      state: "WorkflowFailed",
    });
    // Its failure not recorded yet: the workflow of the state before.
    const recording = ledger(
      { step: "AwaitRenewedReview", type: "StepRequested" },
      emailFrom("RecordWorkflowFailure"),
    );
    expect(positionOf("ACTIVE", recording, GRAPHS).workflow).toBe("vetting-renewal");
  });

  it("is the renewal's end state VettingRenewed once renewed, not its last task", () => {
    const renewed = ledger(
      { step: "AwaitRenewedReview", type: "StepDecided" },
      { step: "RecordVettingRenewed", type: "VettingRenewed", data: { round: "2027-03-01" } },
      emailFrom("RecordVettingRenewed"),
    );
    expect(positionOf("ACTIVE", renewed, GRAPHS)).toEqual({
      workflow: "vetting-renewal",
      state: "VettingRenewed",
      because:
        "the latest ledger event (seq 7) was recorded by the vetting renewal's state RecordVettingRenewed, which leads only to VettingRenewed",
    });
  });

  it("is the renewal's end state PartnershipAtRisk from each of the tasks that mark it at risk", () => {
    for (const task of ["MarkPartnershipAtRisk", "MarkAtRiskNotGivenInTime", "MarkAtRiskReviewOverdue"]) {
      const atRisk = ledger(
        { step: "AwaitRenewedEvidence", type: "StepRequested" },
        { step: task, type: "PartnershipAtRisk", data: { round: "2027-03-01", reason: "declined" } },
      );
      expect(positionOf("ACTIVE", atRisk, GRAPHS), task).toMatchObject({
        workflow: "vetting-renewal",
        state: "PartnershipAtRisk",
      });
    }
  });

  it("is still a waiting step while the renewal waits, and the onboarding's Active before any renewal", () => {
    expect(
      positionOf("ACTIVE", ledger({ step: "AwaitRenewedReview", type: "StepRequested" }), GRAPHS).state,
    ).toBe("AwaitRenewedReview");
    expect(positionOf("ACTIVE", ledger(), GRAPHS)).toMatchObject({ workflow: "onboarding", state: "Active" });
  });
});

describe("a partnership that needs attention (issue 13)", () => {
  const failedAt = (state: string, workflow = "onboarding"): Omit<PlacedEvent, "seq"> => ({
    step: "RecordWorkflowFailure",
    type: "WorkflowFailed",
    data: { error: "NoOfficerAvailableError", cause: "", workflow, state, from: "VETTING" },
  });
  const attention = { step: "RecordWorkflowFailure", type: "StageChanged", data: { to: "NEEDS_ATTENTION" } };

  it("is at the state that failed, the one a retry resumes at, not at the failure's end", () => {
    const events: PlacedEvent[] = [
      { seq: 1, step: "AwaitVettingEvidence", type: "StepRequested" },
      { seq: 2, ...failedAt("AwaitVettingReview") },
      { seq: 3, ...attention },
      { seq: 4, ...emailFrom("RecordWorkflowFailure") },
    ];
    expect(positionOf("NEEDS_ATTENTION", events, GRAPHS)).toEqual({
      workflow: "onboarding",
      state: "AwaitVettingReview",
      because: expect.stringContaining(
        "needs attention: the onboarding failed at AwaitVettingReview (seq 2)",
      ),
    });
  });

  it("is the vetting renewal's state when the renewal failed", () => {
    const events = ledger(failedAt("AwaitRenewedReview", "vetting-renewal"), attention);
    expect(positionOf("NEEDS_ATTENTION", events, GRAPHS)).toMatchObject({
      workflow: "vetting-renewal",
      state: "AwaitRenewedReview",
    });
  });

  it("falls back to the failure's end when the failure names no state (recorded before issue 13)", () => {
    const events = ledger(failure(), { ...attention });
    expect(positionOf("NEEDS_ATTENTION", events, GRAPHS)).toMatchObject({ state: "WorkflowFailed" });
  });
});

describe("a partnership ended, or in its periodic review (issue 13)", () => {
  const review = (type: string, data: object, at?: string): Omit<PlacedEvent, "seq"> => ({
    step: "RecordReviewOutcome",
    type,
    data,
    ...(at ? { at } : {}),
  });

  it("withdrawn: says so, with no current state, and never calls an older event the latest", () => {
    const events: PlacedEvent[] = [
      { seq: 14, step: "AwaitVettingEvidence", type: "StepRequested" },
      { seq: 15, step: "AwaitVettingReview", type: "StepRequested" },
      { seq: 16, type: "StageChanged", data: { to: "WITHDRAWN" } },
      { seq: 17, type: "PartnershipWithdrawn", data: { reason: "x" } },
    ];
    const position = positionOf("WITHDRAWN", events, GRAPHS);
    expect(position).toMatchObject({
      state: undefined,
      headline: "Withdrawn by the partner: the workflow was stopped",
    });
    expect(position.because).toContain("seq 17 recorded the ending");
    expect(position.because).toContain("the latest ledger event a drawn state recorded (seq 15 of 17)");
    expect(position.because).not.toContain("the latest ledger event (seq 15)");
  });

  it("terminated by the office: says so", () => {
    const events = ledger({ type: "StageChanged" }, { type: "PartnershipTerminated", data: { reason: "x" } });
    expect(positionOf("TERMINATED", events, GRAPHS)).toMatchObject({
      state: undefined,
      headline: "Terminated by the office: the workflow was stopped",
    });
  });

  it("in review: names its round, not the onboarding's last task", () => {
    const events = ledger(review("ReviewStarted", { round: "2027-12-06" }));
    expect(positionOf("IN_REVIEW", events, GRAPHS).headline).toBe(
      "In its periodic review (round 2027-12-06, begun at seq 5)",
    );
  });

  it("renewed by a review: says when, and the next review's day", () => {
    const events = ledger(
      review("ReviewStarted", { round: "1" }),
      review(
        "ReviewCompleted",
        { round: "1", outcome: "renew", nextReviewOn: "2028-12-06" },
        "2027-12-20T10:00:00Z",
      ),
    );
    expect(positionOf("ACTIVE", events, GRAPHS)).toMatchObject({
      state: "Active",
      headline: "Active; last review (round 1) renewed on 2027-12-20; the next review is due 2028-12-06",
    });
  });

  it("an amendment declined: Active again, not the onboarding's Declined its state name leads to", () => {
    const events = ledger(
      review("ReviewCompleted", { round: "1", outcome: "amend" }, "2027-12-20T10:00:00Z"),
      { step: "AwaitAgreementTerms", type: "AgreementTermsRequested" },
      { step: "DeclinePartnership", type: "StageChanged" },
      {
        step: "DeclinePartnership",
        type: "AmendmentDeclined",
        data: { round: "1" },
        at: "2028-01-05T10:00:00Z",
      },
      emailFrom("DeclinePartnership"),
    );
    expect(positionOf("ACTIVE", events, GRAPHS)).toMatchObject({
      workflow: "onboarding",
      state: "Active",
      headline:
        "Active; the amendment from its last review (round 1) was declined on 2028-01-05: the agreement in force stays",
    });
  });

  it("withdrawn or terminated after an amendment declined: never Declined, which it was not", () => {
    const declinedThen = (ending: Omit<PlacedEvent, "seq">) =>
      ledger(
        review("ReviewCompleted", { round: "1", outcome: "amend" }, "2027-12-20T10:00:00Z"),
        { step: "AwaitAgreementTerms", type: "AgreementTermsRequested" },
        { step: "DeclinePartnership", type: "StageChanged" },
        {
          step: "DeclinePartnership",
          type: "AmendmentDeclined",
          data: { round: "1" },
          at: "2028-01-05T10:00:00Z",
        },
        emailFrom("DeclinePartnership"),
        ending,
      );
    for (const [stage, type, words] of [
      ["WITHDRAWN", "PartnershipWithdrawn", "Withdrawn by the partner"],
      ["TERMINATED", "PartnershipTerminated", "Terminated by the office"],
    ] as const) {
      const at = positionOf(stage, declinedThen({ type, data: {} }), GRAPHS);
      expect(at.headline).toBe(`${words}: the workflow was stopped`);
      expect(at.because).toBe(
        "seq 10 recorded the ending; the last state drawn was Active (seq 8 recorded the amendment declined: the partnership was active again on the agreement in force)",
      );
      expect(at.because).not.toContain("Declined");
    }
  });

  it("an amendment that lapsed (a signing step timed out): Active again, said so, not the timeout's state", () => {
    const events = ledger(
      review("ReviewCompleted", { round: "1", outcome: "amend" }, "2027-12-20T10:00:00Z"),
      { step: "AwaitAgreementTerms", type: "AgreementTermsRequested" },
      { step: "TellLeadStepTimedOut", type: "StepTimedOut" },
      { step: "LapseAmendment", type: "StageChanged" },
      {
        step: "LapseAmendment",
        type: "AmendmentDeclined",
        data: { round: "1", lapsed: true },
        at: "2028-01-05T10:00:00Z",
      },
      emailFrom("LapseAmendment"),
    );
    expect(positionOf("ACTIVE", events, GRAPHS)).toMatchObject({
      workflow: "onboarding",
      state: "Active",
      headline:
        "Active; the amendment from its last review (round 1) lapsed (not signed in time) on 2028-01-05: the agreement in force stays",
    });
  });

  it("terminated by a review: says so", () => {
    const events = ledger(
      review("ReviewCompleted", { round: "1", outcome: "terminate" }, "2027-12-20T10:00:00Z"),
    );
    expect(positionOf("TERMINATED", events, GRAPHS)).toMatchObject({
      state: undefined,
      headline: "Terminated by its periodic review (round 1) on 2027-12-20: the workflow was stopped",
    });
  });
});
