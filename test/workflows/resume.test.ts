/**
 * The retry's way into a state machine (workflows/resume.ts), on the ASL that CDK synthesises, run by the local
 * engine with fake tasks: the ResumeAt Choice routes every task of each workflow (the failure task aside), an
 * execution without `resumeAt` starts as ever, and a failure's recorded state and input, given to a new execution,
 * run the failed step again and the journey on.
 */
import { Duration } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { RESUME_STATE, resumeTargets } from "#shared/domain/resume-points.ts";
import { graphOf } from "#shared/domain/workflow-asl.ts";
import { retryInput } from "#shared/services/retry-workflow.ts";
import { STEPS } from "#shared/steps/index.ts";
import { buildOnboardingDefinition, ONBOARDING_STEPS } from "#workflows/onboarding/definition.ts";
import { STATE } from "#workflows/onboarding/states.ts";
import { buildRevettingDefinition, REVETTING_STEPS } from "#workflows/revetting/definition.ts";
import { REVETTING_STATE as S } from "#workflows/revetting/states.ts";
import { AMENDMENT_STEPS, buildReviewDefinition, REVIEW_STEPS } from "#workflows/review/definition.ts";
import { REVIEW_STATE as R } from "#workflows/review/states.ts";
import { type Answer, runScripted, type ScriptedRun, synthesize, taskFunctions } from "./scripted-machine.ts";

const P = "01KAW0000000000000000000PP";
const seconds = (kinds: readonly string[]) => Object.fromEntries(kinds.map((k) => [k, Duration.seconds(1)]));

let onboarding: ScriptedRun;
let renewal: ScriptedRun;
let review: ScriptedRun;

beforeAll(() => {
  onboarding = {
    definition: synthesize((scope, fn) =>
      buildOnboardingDefinition(scope, taskFunctions(fn), seconds(ONBOARDING_STEPS)),
    ),
    states: Object.values(STATE),
    humanStates: new Set<string>(Object.values(STEPS).map((s) => s.state)),
    input: { partnershipId: P },
    executionName: P,
  };
  renewal = {
    definition: synthesize((scope, fn) =>
      buildRevettingDefinition(scope, taskFunctions(fn), seconds(REVETTING_STEPS)),
    ),
    states: Object.values(S),
    humanStates: new Set<string>([S.awaitRenewedEvidence, S.awaitRenewedReview]),
    input: { partnershipId: P, round: "2027-02-01", reviewer: "assigned" },
    executionName: `${P}-2027-02-01`,
  };
  review = {
    definition: synthesize((scope, fn) =>
      buildReviewDefinition(scope, taskFunctions(fn), seconds([...REVIEW_STEPS, ...AMENDMENT_STEPS])),
    ),
    states: [...Object.values(R), ...Object.values(STATE)],
    humanStates: new Set<string>(Object.values(STEPS).map((s) => s.state)),
    input: { partnershipId: P, round: "2027-12-06" },
    results: { [R.beginReview]: { started: true } },
    executionName: `${P}-review-2027-12-06`,
  };
});

/** Every Task state of a definition but the failure task: what a retry may resume at. */
function tasksOf(machine: ScriptedRun): string[] {
  const states = (machine.definition as { States: Record<string, { Type: string }> }).States;
  return Object.entries(states)
    .filter(([name, s]) => s.Type === "Task" && name !== STATE.recordWorkflowFailure)
    .map(([name]) => name)
    .sort();
}

describe("the ResumeAt Choice", () => {
  it("is each workflow's first state, and routes every task but the failure task to itself", () => {
    for (const machine of [onboarding, renewal, review]) {
      const graph = graphOf(machine.definition as never);
      expect(graph.StartAt).toBe(RESUME_STATE);
      expect(resumeTargets(graph).sort()).toEqual(tasksOf(machine));
    }
  });

  it("starts every onboarding task it names, first", async () => {
    for (const state of tasksOf(onboarding)) {
      const { states } = await runScripted(
        {
          ...onboarding,
          input: { partnershipId: P, resumeAt: state, decision: { outcome: "x", comment: "" } },
        },
        [],
      );
      expect(states[0], state).toBe(state);
    }
  });

  it("starts at the start as ever when no state is named", async () => {
    const { states } = await runScripted(onboarding, [[STATE.awaitOfficerDecision, "decline", "No"]]);
    expect(states).toEqual([STATE.assessNeeds, STATE.awaitOfficerDecision, STATE.declinePartnership]);
  });
});

describe("a failure, then its retry", () => {
  const ISSUED: Answer[] = [
    [STATE.awaitOfficerDecision, "approve"],
    [STATE.awaitVettingEvidence, "submitted"],
    [STATE.awaitVettingReview, "verify"],
    [STATE.awaitSignatoryConfirmation, "confirm"],
    [STATE.awaitAgreementTerms, "issue", "Terms set"],
  ];

  it("runs the failed task again, with the decision that led there, and the journey goes on to active", async () => {
    const failed = await runScripted(onboarding, ISSUED, { [STATE.issueAgreement]: "PdfRenderError" });
    const payload = failed.payloadOf(STATE.recordWorkflowFailure);
    expect(payload).toMatchObject({ workflow: "onboarding", execution: P });
    const [state] = Object.keys((payload?.failed ?? {}) as object);
    expect(state).toBe(STATE.issueAgreement);

    // What the retry starts (services/retry-workflow.ts): the state, and the terms' decision as it resumed it.
    const retried = await runScripted(
      {
        ...onboarding,
        input: {
          partnershipId: P,
          resumeAt: state,
          decision: { outcome: "issue", comment: "Terms set", decisionId: "D9" },
        },
        executionName: `${P}-retry-1`,
      },
      [
        [STATE.awaitPartnerSignature, "sign"],
        [STATE.awaitCountersignature, "countersign"],
      ],
    );
    expect(retried.error).toBeUndefined();
    expect(retried.states).toEqual([
      STATE.issueAgreement,
      STATE.awaitPartnerSignature,
      STATE.awaitCountersignature,
      STATE.completeAgreement,
      STATE.activatePartnership,
      STATE.deliverAgreement,
    ]);
  });

  it("a stage task resumed reads the comment of the decision it is given", async () => {
    const { states, payloadOf } = await runScripted(
      {
        ...onboarding,
        input: {
          partnershipId: P,
          resumeAt: STATE.approveForVetting,
          decision: { outcome: "approve", comment: "Welcome" },
        },
      },
      [[STATE.awaitVettingEvidence, "(silent)"]],
    );
    expect(states.slice(0, 2)).toEqual([STATE.approveForVetting, STATE.awaitVettingEvidence]);
    expect(payloadOf(STATE.approveForVetting)).toMatchObject({ outcome: "approved", comment: "Welcome" });
  });

  it("the vetting renewal's review, failed after its escalation, is asked again of the escalated reviewer", async () => {
    const failed = await runScripted(renewal, [[S.awaitRenewedEvidence, "submitted"]], {
      [S.awaitRenewedReview]: "NoOfficerAvailableError",
    });
    expect(failed.payloadOf(S.recordWorkflowFailure)).toMatchObject({
      workflow: "vetting-renewal",
      carry: { round: "2027-02-01", reviewer: "assigned" },
      failed: { [S.awaitRenewedReview]: { Error: "NoOfficerAvailableError" } },
    });
    const retried = await runScripted(
      {
        ...renewal,
        input: {
          partnershipId: P,
          round: "2027-02-01",
          reviewer: "escalated",
          resumeAt: S.awaitRenewedReview,
        },
      },
      [[S.awaitRenewedReview, "verify"]],
    );
    expect(retried.error).toBeUndefined();
    expect(retried.states).toEqual([S.awaitRenewedReview, S.recordRenewal]);
    expect(retried.payloadOf(S.awaitRenewedReview)).toMatchObject({ inputs: { reviewer: "escalated" } });
    expect(retried.payloadOf(S.recordRenewal)).toMatchObject({ round: "2027-02-01" });
  });

  it("the review's evaluation, failed in the lead's turn, is asked again of the lead (who was evaluating is carried)", async () => {
    const failed = await runScripted(review, [
      [R.awaitSelfAssessment, "submitted"],
      [R.awaitEvaluation, "(silent)"],
      [R.awaitEvaluation, "(silent)"],
      [R.awaitEvaluation, "(silent)"],
    ]);
    const recorded = failed.payloadOf(R.recordWorkflowFailure) as { carry: Record<string, string> };
    expect(recorded).toMatchObject({
      workflow: "review",
      carry: { round: "2027-12-06", reviewer: "lead" },
      failed: { [R.awaitEvaluation]: { Error: "ReviewEvaluationOverdue" } },
    });
    const input = retryInput(
      P,
      {
        seq: 9,
        at: "2027-12-20T00:00:00.000Z",
        workflow: "review",
        execution: `${P}-review-2027-12-06`,
        state: R.awaitEvaluation,
        error: "ReviewEvaluationOverdue",
        cause: "",
        from: "IN_REVIEW",
        carry: recorded.carry,
      },
      undefined,
    );
    expect(input).toEqual({
      round: "2027-12-06",
      review: { started: true, reviewer: "lead" },
      partnershipId: P,
      resumeAt: R.awaitEvaluation,
    });
    const retried = await runScripted({ ...review, input }, [[R.awaitEvaluation, "renew"]]);
    expect(retried.error).toBeUndefined();
    expect(retried.states).toEqual([R.awaitEvaluation, R.recordRenewal]);
    expect(retried.payloadOf(R.awaitEvaluation)).toMatchObject({ inputs: { reviewer: "lead" } });
  });
});
