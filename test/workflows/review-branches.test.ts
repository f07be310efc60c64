/**
 * Every branch of the periodic review (workflows/review), on the ASL that CDK synthesises, run by the local engine
 * with fake tasks: the partner's and the officers' answers from a script, in the order asked.
 */
import { Duration } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { STATE as O } from "#workflows/onboarding/states.ts";
import { AMENDMENT_STEPS, buildReviewDefinition, REVIEW_STEPS } from "#workflows/review/definition.ts";
import { AMENDMENT_STATES, REVIEW_STATE as S } from "#workflows/review/states.ts";
import { type Answer, runScripted, type ScriptedRun, synthesize, taskFunctions } from "./scripted-machine.ts";

const TIMEOUT_SECONDS = 1;
const PARTNERSHIP = "01KAW0000000000000000000PP";
const ROUND = "2027-12-06";

const definition = () =>
  synthesize((scope, fn) =>
    buildReviewDefinition(
      scope,
      taskFunctions(fn),
      Object.fromEntries(
        [...REVIEW_STEPS, ...AMENDMENT_STEPS].map((kind) => [kind, Duration.seconds(TIMEOUT_SECONDS)]),
      ),
    ),
  );

let machine: ScriptedRun;

beforeAll(() => {
  machine = {
    definition: definition(),
    states: [...Object.values(S), ...Object.values(AMENDMENT_STATES), ...Object.values(O)],
    humanStates: new Set<string>([
      S.awaitSelfAssessment,
      S.awaitEvaluation,
      O.awaitAgreementTerms,
      O.awaitPartnerSignature,
      O.awaitCountersignature,
      O.awaitPaperAgreement,
    ]),
    input: { partnershipId: PARTNERSHIP, round: ROUND },
    results: { [S.beginReview]: { started: true } },
  };
});

const run = (answers: readonly Answer[], failures: Readonly<Record<string, string>> = {}) =>
  runScripted(machine, answers, failures);

const outcomeTask = (outcome: string, extra: Record<string, unknown> = {}) => ({
  partnershipId: PARTNERSHIP,
  step: "(state)",
  round: ROUND,
  outcome,
  ...extra,
});

describe("the periodic review's branches", () => {
  it("renewed: begun, the partner's self-assessment, the officer renews; the renewal is recorded once", async () => {
    const { states, error, unanswered, payloadOf } = await run([
      [S.awaitSelfAssessment, "submitted"],
      [S.awaitEvaluation, "renew", "Good year"],
    ]);
    expect(error).toBeUndefined();
    expect(unanswered).toEqual([]);
    expect(states).toEqual([S.beginReview, S.awaitSelfAssessment, S.awaitEvaluation, S.recordRenewal]);
    expect(payloadOf(S.beginReview)).toEqual(outcomeTask("review-started"));
    expect(payloadOf(S.awaitSelfAssessment)).toMatchObject({ kind: "review-self-assessment" });
    expect(payloadOf(S.awaitEvaluation)).toMatchObject({
      kind: "review-evaluation",
      inputs: { reviewer: "assigned" },
    });
    expect(payloadOf(S.recordRenewal)).toEqual(outcomeTask("review-renewed", { comment: "Good year" }));
  });

  it("not active (already in review, ended, onboarding): BeginReview answers not started, and nothing else runs", async () => {
    const { states, error } = await runScripted(
      { ...machine, results: { [S.beginReview]: { started: false } } },
      [],
    );
    expect(error).toBeUndefined();
    expect(states).toEqual([S.beginReview]);
  });

  it("amended: to signing, a new version through the onboarding's signing steps, then active again", async () => {
    const { states, error, payloadOf } = await run([
      [S.awaitSelfAssessment, "submitted"],
      [S.awaitEvaluation, "amend", "Add a second placement"],
      [O.awaitAgreementTerms, "issue"],
      [O.awaitPartnerSignature, "sign"],
      [O.awaitCountersignature, "countersign"],
    ]);
    expect(error).toBeUndefined();
    expect(states).toEqual([
      S.beginReview,
      S.awaitSelfAssessment,
      S.awaitEvaluation,
      S.startAmendment,
      O.awaitAgreementTerms,
      O.issueAgreement,
      O.awaitPartnerSignature,
      O.awaitCountersignature,
      O.completeAgreement,
      O.activatePartnership,
      O.deliverAgreement,
    ]);
    expect(payloadOf(S.startAmendment)).toEqual(
      outcomeTask("review-amend", { comment: "Add a second placement" }),
    );
    // Activation schedules the next review (record-outcome's "activated").
    expect(payloadOf(O.activatePartnership)).toMatchObject({ outcome: "activated" });
    expect(payloadOf(O.completeAgreement)).toMatchObject({ phase: "certify" });
    expect(payloadOf(O.deliverAgreement)).toMatchObject({ phase: "deliver" });
  });

  it("amended, the signatory asks for paper: the paper signing completes it as in the onboarding", async () => {
    const { states, error } = await run([
      [S.awaitSelfAssessment, "submitted"],
      [S.awaitEvaluation, "amend", "Add a second placement"],
      [O.awaitAgreementTerms, "issue"],
      [O.awaitPartnerSignature, "paper"],
      [O.awaitPaperAgreement, "received"],
    ]);
    expect(error).toBeUndefined();
    expect(states.slice(-5)).toEqual([
      O.awaitPartnerSignature,
      O.awaitPaperAgreement,
      O.completeAgreement,
      O.activatePartnership,
      O.deliverAgreement,
    ]);
  });

  it.each([
    ["at the terms, by the officer", [[O.awaitAgreementTerms, "decline", "The change is not workable"]]],
    [
      "on paper, the signatory declining the new terms",
      [
        [O.awaitAgreementTerms, "issue"],
        [O.awaitPartnerSignature, "paper"],
        [O.awaitPaperAgreement, "decline", "The partner declined the new terms"],
      ],
    ],
  ] as const)(
    "amended, then declined %s: active again on the agreement in force, not declined",
    async (_, steps) => {
      const { states, error, unanswered, payloadOf } = await run([
        [S.awaitSelfAssessment, "submitted"],
        [S.awaitEvaluation, "amend", "Add a second placement"],
        ...steps,
      ]);
      expect(error).toBeUndefined();
      expect(unanswered).toEqual([]);
      // The decline's state, by the onboarding's name (the steps' outcome names it), is the amendment's last task.
      expect(states.at(-1)).toBe(O.declinePartnership);
      expect(states).not.toContain(O.activatePartnership);
      const comment = steps.at(-1)?.[2];
      expect(payloadOf(O.declinePartnership)).toEqual(outcomeTask("amendment-declined", { comment }));
    },
  );

  it("amended, the countersigning officer asks for a change: back to the terms, a new version signed again", async () => {
    const { states, error } = await run([
      [S.awaitSelfAssessment, "submitted"],
      [S.awaitEvaluation, "amend", "Add a second placement"],
      [O.awaitAgreementTerms, "issue"],
      [O.awaitPartnerSignature, "sign"],
      [O.awaitCountersignature, "amend", "The dates are wrong"],
      [O.awaitAgreementTerms, "issue"],
      [O.awaitPartnerSignature, "sign"],
      [O.awaitCountersignature, "countersign"],
    ]);
    expect(error).toBeUndefined();
    expect(states.filter((s) => s === O.issueAgreement)).toHaveLength(2);
    expect(states.slice(-3)).toEqual([O.completeAgreement, O.activatePartnership, O.deliverAgreement]);
  });

  it("terminated: the officer's reason goes to the task that ends it", async () => {
    const { states, error, payloadOf } = await run([
      [S.awaitSelfAssessment, "submitted"],
      [S.awaitEvaluation, "terminate", "No placements in a year"],
    ]);
    expect(error).toBeUndefined();
    expect(states).toEqual([S.beginReview, S.awaitSelfAssessment, S.awaitEvaluation, S.terminate]);
    expect(payloadOf(S.terminate)).toEqual(
      outcomeTask("review-terminated", { comment: "No placements in a year" }),
    );
  });

  it("the partner's time runs out: the lead is told, then the review expires", async () => {
    const { states, error, payloadOf } = await run([[S.awaitSelfAssessment, "(silent)"]]);
    expect(error).toBeUndefined();
    expect(states).toEqual([S.beginReview, S.awaitSelfAssessment, S.selfAssessmentOverdue, S.expireReview]);
    expect(payloadOf(S.selfAssessmentOverdue)).toEqual(outcomeTask("review-self-assessment-overdue"));
    expect(payloadOf(S.expireReview)).toEqual(outcomeTask("review-expired"));
  });

  it("amended, the signatory never signs: the lead is told, then the amendment lapses (active on the agreement in force)", async () => {
    const { states, error, payloadOf } = await run([
      [S.awaitSelfAssessment, "submitted"],
      [S.awaitEvaluation, "amend", "Add a second placement"],
      [O.awaitAgreementTerms, "issue"],
      [O.awaitPartnerSignature, "(silent)"],
    ]);
    expect(error).toBeUndefined();
    expect(states.slice(-3)).toEqual([
      O.awaitPartnerSignature,
      AMENDMENT_STATES.tellLeadOfTimeout,
      AMENDMENT_STATES.lapseAmendment,
    ]);
    expect(payloadOf(AMENDMENT_STATES.tellLeadOfTimeout)).toMatchObject({
      round: ROUND,
      outcome: "amendment-lapses",
    });
    expect(payloadOf(AMENDMENT_STATES.lapseAmendment)).toMatchObject({
      outcome: "amendment-lapsed",
      round: ROUND,
    });
  });

  it("the evaluation's time runs out: escalated once, then the lead and office told and it is opened for the lead", async () => {
    const { states, error, payloadOf } = await run([
      [S.awaitSelfAssessment, "submitted"],
      [S.awaitEvaluation, "(silent)"],
      [S.awaitEvaluation, "(silent)"],
      [S.awaitEvaluation, "renew"],
    ]);
    expect(error).toBeUndefined();
    expect(states).toEqual([
      S.beginReview,
      S.awaitSelfAssessment,
      S.awaitEvaluation,
      S.awaitEvaluation,
      S.evaluationOverdue,
      S.awaitEvaluation,
      S.recordRenewal,
    ]);
    expect(payloadOf(S.awaitEvaluation, 1)).toMatchObject({ inputs: { reviewer: "escalated" } });
    expect(payloadOf(S.evaluationOverdue)).toEqual(outcomeTask("review-evaluation-overdue"));
    expect(payloadOf(S.awaitEvaluation, 2)).toMatchObject({ inputs: { reviewer: "lead" } });
  });

  it("an officer with a conflict of interest passes the evaluation on: the same step, another officer", async () => {
    const { states } = await run([
      [S.awaitSelfAssessment, "submitted"],
      [S.awaitEvaluation, "conflict"],
      [S.awaitEvaluation, "renew"],
    ]);
    expect(states).toEqual([
      S.beginReview,
      S.awaitSelfAssessment,
      S.awaitEvaluation,
      S.awaitEvaluation,
      S.recordRenewal,
    ]);
  });

  it("a task that fails for good is recorded as the workflow's failure, with the round", async () => {
    const { states, error, payloadOf } = await run(
      [
        [S.awaitSelfAssessment, "submitted"],
        [S.awaitEvaluation, "renew"],
      ],
      { [S.recordRenewal]: "PartnershipNotFoundError" },
    );
    expect(states.at(-1)).toBe(S.recordWorkflowFailure);
    // The failed state and its error (a retry resumes there), and the round carried.
    expect(payloadOf(S.recordWorkflowFailure)).toMatchObject({
      workflow: "review",
      failed: { [S.recordRenewal]: { Error: "PartnershipNotFoundError" } },
      round: ROUND,
      carry: { round: ROUND, reviewer: "assigned" },
    });
    expect(error?.name).toBe("ExecutionError");
  });

  it("the lead's own turn runs out too: the workflow fails at the evaluation, the lead's turn carried for a retry", async () => {
    const { states, error, payloadOf } = await run([
      [S.awaitSelfAssessment, "submitted"],
      [S.awaitEvaluation, "(silent)"],
      [S.awaitEvaluation, "(silent)"],
      [S.awaitEvaluation, "(silent)"],
    ]);
    expect(states).toEqual([
      S.beginReview,
      S.awaitSelfAssessment,
      S.awaitEvaluation,
      S.awaitEvaluation,
      S.evaluationOverdue,
      S.awaitEvaluation,
      S.recordWorkflowFailure,
    ]);
    expect(payloadOf(S.recordWorkflowFailure)).toMatchObject({
      workflow: "review",
      failed: { [S.awaitEvaluation]: { Error: "ReviewEvaluationOverdue" } },
      carry: { round: ROUND, reviewer: "lead" },
    });
    expect(error?.name).toBe("ExecutionError");
  });

  it("BeginReview failing for good is recorded too: as assigned, the round carried", async () => {
    const { states, payloadOf } = await run([], { [S.beginReview]: "PartnershipNotFoundError" });
    expect(states).toEqual([S.beginReview, S.recordWorkflowFailure]);
    expect(payloadOf(S.recordWorkflowFailure)).toMatchObject({
      failed: { [S.beginReview]: { Error: "PartnershipNotFoundError" } },
      carry: { round: ROUND, reviewer: "assigned" },
    });
  });
});
