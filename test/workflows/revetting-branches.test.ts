/**
 * Every branch of the vetting renewal (workflows/revetting), on the ASL that CDK synthesises, run by the local
 * engine with fake tasks: the partner's step and the officer's answer from a script, in the order asked.
 */
import { Duration } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildRevettingDefinition, REVETTING_STEPS } from "#workflows/revetting/definition.ts";
import { REVETTING_STATE as S } from "#workflows/revetting/states.ts";
import {
  type Answer,
  runScripted,
  SCRIPTED_EXECUTION,
  type ScriptedRun,
  synthesize,
  taskFunctions,
} from "./scripted-machine.ts";

const TIMEOUT_SECONDS = 1;
const PARTNERSHIP = "01KAW0000000000000000000PP";
const ROUND = "2027-02-01";

let machine: ScriptedRun;

beforeAll(() => {
  machine = {
    definition: synthesize((scope, fn) =>
      buildRevettingDefinition(
        scope,
        taskFunctions(fn),
        Object.fromEntries(REVETTING_STEPS.map((kind) => [kind, Duration.seconds(TIMEOUT_SECONDS)])),
      ),
    ),
    states: Object.values(S),
    humanStates: new Set<string>([S.awaitRenewedEvidence, S.awaitRenewedReview]),
    input: { partnershipId: PARTNERSHIP, round: ROUND, reviewer: "assigned" },
  };
});

const run = (answers: readonly Answer[], failures: Readonly<Record<string, string>> = {}) =>
  runScripted(machine, answers, failures);

describe("the vetting renewal's branches", () => {
  it("renewed: the partner sends the items, the officer verifies, the round's renewal is recorded", async () => {
    const { states, error, unanswered, payloadOf } = await run([
      [S.awaitRenewedEvidence, "submitted"],
      [S.awaitRenewedReview, "verify", "Thank you"],
    ]);
    expect(error).toBeUndefined();
    expect(unanswered).toEqual([]);
    expect(states).toEqual([S.awaitRenewedEvidence, S.awaitRenewedReview, S.recordRenewal]);
    expect(payloadOf(S.awaitRenewedEvidence)).toMatchObject({
      partnershipId: PARTNERSHIP,
      kind: "vetting-renewal",
      taskToken: "task-token-1",
      timeoutSeconds: TIMEOUT_SECONDS,
    });
    expect(payloadOf(S.awaitRenewedReview)).toMatchObject({ kind: "vetting-renewal-review" });
    expect(payloadOf(S.recordRenewal)).toEqual({
      partnershipId: PARTNERSHIP,
      step: "(state)",
      round: ROUND,
      outcome: "vetting-renewed",
    });
  });

  it("an item rejected goes back to the partner, then the officer again", async () => {
    const { states, error } = await run([
      [S.awaitRenewedEvidence, "submitted"],
      [S.awaitRenewedReview, "request-items", "The policy number, please"],
      [S.awaitRenewedEvidence, "submitted"],
      [S.awaitRenewedReview, "verify"],
    ]);
    expect(error).toBeUndefined();
    expect(states).toEqual([
      S.awaitRenewedEvidence,
      S.awaitRenewedReview,
      S.awaitRenewedEvidence,
      S.awaitRenewedReview,
      S.recordRenewal,
    ]);
  });

  it("the officer cannot accept the evidence: the partnership is marked at risk, with the officer's reason", async () => {
    const { states, error, payloadOf } = await run([
      [S.awaitRenewedEvidence, "submitted"],
      [S.awaitRenewedReview, "decline", "The insurance has lapsed"],
    ]);
    expect(error).toBeUndefined();
    expect(states).toEqual([S.awaitRenewedEvidence, S.awaitRenewedReview, S.markAtRisk]);
    expect(payloadOf(S.markAtRisk)).toEqual({
      partnershipId: PARTNERSHIP,
      step: "(state)",
      round: ROUND,
      outcome: "at-risk",
      reason: "declined",
      comment: "The insurance has lapsed",
    });
  });

  it("an officer with a conflict of interest passes the review on: the same step, another officer", async () => {
    const { states } = await run([
      [S.awaitRenewedEvidence, "submitted"],
      [S.awaitRenewedReview, "conflict"],
      [S.awaitRenewedReview, "verify"],
    ]);
    expect(states).toEqual([
      S.awaitRenewedEvidence,
      S.awaitRenewedReview,
      S.awaitRenewedReview,
      S.recordRenewal,
    ]);
  });

  it("time runs out on the partner: at risk, as not given in time", async () => {
    const { states, error, payloadOf } = await run([[S.awaitRenewedEvidence, "(silent)"]]);
    expect(error).toBeUndefined();
    // The lead is told first, then the partnership is at risk.
    expect(states).toEqual([S.awaitRenewedEvidence, S.tellLeadNotGiven, S.notGivenInTime]);
    expect(payloadOf(S.tellLeadNotGiven)).toEqual({
      partnershipId: PARTNERSHIP,
      step: "(state)",
      round: ROUND,
      outcome: "at-risk",
      executionId: SCRIPTED_EXECUTION,
    });
    expect(payloadOf(S.notGivenInTime)).toEqual({
      partnershipId: PARTNERSHIP,
      step: "(state)",
      round: ROUND,
      outcome: "at-risk",
      reason: "not-given",
    });
  });

  it("time runs out on the review: opened once more, escalated; if that runs out too, at risk as overdue", async () => {
    const escalatedThenDone = await run([
      [S.awaitRenewedEvidence, "submitted"],
      [S.awaitRenewedReview, "(silent)"],
      [S.awaitRenewedReview, "(silent)"],
    ]);
    // The second opening is the escalated one; it too is silent here.
    expect(escalatedThenDone.states).toEqual([
      S.awaitRenewedEvidence,
      S.awaitRenewedReview,
      S.awaitRenewedReview,
      S.tellLeadReviewOverdue,
      S.reviewOverdue,
    ]);
    expect(escalatedThenDone.payloadOf(S.awaitRenewedReview, 0)).toMatchObject({
      inputs: { reviewer: "assigned" },
    });
    expect(escalatedThenDone.payloadOf(S.awaitRenewedReview, 1)).toMatchObject({
      inputs: { reviewer: "escalated" },
    });
    expect(escalatedThenDone.payloadOf(S.reviewOverdue)).toEqual({
      partnershipId: PARTNERSHIP,
      step: "(state)",
      round: ROUND,
      outcome: "at-risk",
      reason: "review-overdue",
    });
  });

  it("an escalated review that is made goes on as any review", async () => {
    const { states, error } = await run([
      [S.awaitRenewedEvidence, "submitted"],
      [S.awaitRenewedReview, "(silent)"],
      [S.awaitRenewedReview, "verify"],
    ]);
    expect(error).toBeUndefined();
    expect(states).toEqual([
      S.awaitRenewedEvidence,
      S.awaitRenewedReview,
      S.awaitRenewedReview,
      S.recordRenewal,
    ]);
  });

  it("a task that fails for good is recorded as the workflow's failure, and the execution fails", async () => {
    const { states, error, payloadOf } = await run(
      [
        [S.awaitRenewedEvidence, "submitted"],
        [S.awaitRenewedReview, "verify"],
      ],
      { [S.recordRenewal]: "PartnershipNotFoundError" },
    );
    expect(states).toEqual([
      S.awaitRenewedEvidence,
      S.awaitRenewedReview,
      S.recordRenewal,
      S.recordWorkflowFailure,
    ]);
    expect(payloadOf(S.recordWorkflowFailure)).toMatchObject({
      workflow: "vetting-renewal",
      failed: { [S.recordRenewal]: { Error: "PartnershipNotFoundError" } },
      round: ROUND,
      carry: { round: ROUND, reviewer: "assigned" },
    });
    // The Fail state's error: the execution ends failed, after the failure was recorded.
    expect(error?.name).toBe("ExecutionError");
    expect(String((error as { cause?: unknown } | undefined)?.cause ?? error?.message)).toMatch(
      /VettingRenewalFailed|See the ledger/,
    );
  });

  it("an outcome no route knows is a failure, not a branch", async () => {
    const { states } = await run([
      [S.awaitRenewedEvidence, "submitted"],
      [S.awaitRenewedReview, "approve-everything"],
    ]);
    expect(states.at(-1)).toBe(S.recordWorkflowFailure);
  });
});

describe("a round for expiring evidence (the same machine, started on the evidence's notice day)", () => {
  /** The round the sweep names after the day its schedule fell due: 30 days before the evidence expires. */
  const NOTICE_ROUND = "2027-02-13";
  const expiring = (answers: readonly Answer[]) =>
    runScripted(
      { ...machine, input: { partnershipId: PARTNERSHIP, round: NOTICE_ROUND, reviewer: "assigned" } },
      answers,
    );

  it("re-requests the evidence from the partner, and an officer's verification renews it in that round", async () => {
    const { states, error, payloadOf } = await expiring([
      [S.awaitRenewedEvidence, "submitted"],
      [S.awaitRenewedReview, "verify"],
    ]);
    expect(error).toBeUndefined();
    expect(states).toEqual([S.awaitRenewedEvidence, S.awaitRenewedReview, S.recordRenewal]);
    expect(payloadOf(S.awaitRenewedEvidence)).toMatchObject({ kind: "vetting-renewal" });
    expect(payloadOf(S.recordRenewal)).toMatchObject({ round: NOTICE_ROUND, outcome: "vetting-renewed" });
  });

  it("the partner's silence marks it at risk for that round (the lapse itself is the sweep's, later)", async () => {
    const { states, payloadOf } = await expiring([[S.awaitRenewedEvidence, "(silent)"]]);
    expect(states).toEqual([S.awaitRenewedEvidence, S.tellLeadNotGiven, S.notGivenInTime]);
    expect(payloadOf(S.notGivenInTime)).toMatchObject({
      round: NOTICE_ROUND,
      outcome: "at-risk",
      reason: "not-given",
    });
  });
});
