/**
 * Every branch of the onboarding after the intake review, on the ASL that CDK synthesises, run by the local
 * engine with fake tasks: each human step answers from a script (in the order the workflow asks), and the test
 * reads the states visited in order and what each task was given.
 */
import { Duration } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { STEPS } from "#shared/steps/index.ts";
import { buildOnboardingDefinition, ONBOARDING_STEPS } from "#workflows/onboarding/definition.ts";
import { STATE } from "#workflows/onboarding/states.ts";
import {
  type Answer,
  runScripted,
  SCRIPTED_EXECUTION,
  type ScriptedRun,
  synthesize,
  taskFunctions,
} from "./scripted-machine.ts";

/** Each step waits this long, in seconds (the engine's timeouts are whole seconds). */
const TIMEOUT_SECONDS = 1;
const PARTNERSHIP = "01KAW0000000000000000000PP";

let machine: ScriptedRun;

beforeAll(() => {
  machine = {
    definition: synthesize((scope, fn) =>
      buildOnboardingDefinition(
        scope,
        taskFunctions(fn),
        Object.fromEntries(ONBOARDING_STEPS.map((kind) => [kind, Duration.seconds(TIMEOUT_SECONDS)])),
      ),
    ),
    states: Object.values(STATE),
    humanStates: new Set<string>(Object.values(STEPS).map((s) => s.state)),
    input: { partnershipId: PARTNERSHIP },
  };
});

const run = (answers: readonly Answer[], failures: Readonly<Record<string, string>> = {}) =>
  runScripted(machine, answers, failures);

/** The way from the intake to the signatory's step, every answer the first that goes on. */
const TO_VETTING: Answer[] = [[STATE.awaitOfficerDecision, "approve"]];
const VETTED: Answer[] = [
  ...TO_VETTING,
  [STATE.awaitVettingEvidence, "submitted"],
  [STATE.awaitVettingReview, "verify", "All in order"],
];
const AUTHORISED: Answer[] = [...VETTED, [STATE.awaitSignatoryConfirmation, "confirm"]];
const ISSUED: Answer[] = [...AUTHORISED, [STATE.awaitAgreementTerms, "issue"]];
const SIGNED: Answer[] = [...ISSUED, [STATE.awaitPartnerSignature, "sign"]];

/** The states those answers visit, in order. */
const VISITED_TO_VETTING = [STATE.assessNeeds, STATE.awaitOfficerDecision, STATE.approveForVetting];
const VISITED_VETTED = [
  ...VISITED_TO_VETTING,
  STATE.awaitVettingEvidence,
  STATE.awaitVettingReview,
  STATE.confirmVetting,
];
const VISITED_AUTHORISED = [...VISITED_VETTED, STATE.awaitSignatoryConfirmation, STATE.prepareForSigning];
const VISITED_ISSUED = [...VISITED_AUTHORISED, STATE.awaitAgreementTerms, STATE.issueAgreement];
const VISITED_SIGNED = [...VISITED_ISSUED, STATE.awaitPartnerSignature];
/** Certified, activated, then delivered: nobody is told the partnership is active before it is. */
const COMPLETION = [STATE.completeAgreement, STATE.activatePartnership, STATE.deliverAgreement];

describe("the onboarding's branches after the intake review", () => {
  it("the happy path: vetted, authority confirmed, issued, signed, countersigned, then ACTIVE", async () => {
    const { states, error, unanswered, payloadOf } = await run([
      ...SIGNED,
      [STATE.awaitCountersignature, "countersign"],
    ]);
    expect(error).toBeUndefined();
    expect(unanswered).toEqual([]);
    expect(states).toEqual([...VISITED_SIGNED, STATE.awaitCountersignature, ...COMPLETION]);
    expect(payloadOf(STATE.confirmVetting)).toMatchObject({ outcome: "vetted", comment: "All in order" });
    expect(payloadOf(STATE.prepareForSigning)).toMatchObject({ outcome: "authority-confirmed" });
    expect(payloadOf(STATE.issueAgreement)).toEqual({ partnershipId: PARTNERSHIP, step: "(state)" });
    // Certified before the activation, delivered after it: one function, told which.
    expect(payloadOf(STATE.completeAgreement)).toEqual({
      partnershipId: PARTNERSHIP,
      step: "(state)",
      phase: "certify",
    });
    expect(payloadOf(STATE.deliverAgreement)).toEqual({
      partnershipId: PARTNERSHIP,
      step: "(state)",
      phase: "deliver",
    });
    expect(payloadOf(STATE.activatePartnership)).toMatchObject({ outcome: "activated" });
    // Each step is opened by the one function, told its kind, its state's timeout and the task token.
    for (const [state, kind] of [
      [STATE.awaitVettingEvidence, "vetting-evidence"],
      [STATE.awaitVettingReview, "vetting-review"],
      [STATE.awaitSignatoryConfirmation, "signatory-confirmation"],
      [STATE.awaitAgreementTerms, "agreement-terms"],
      [STATE.awaitPartnerSignature, "agreement-signing"],
      [STATE.awaitCountersignature, "countersign"],
    ] as const)
      expect(payloadOf(state), state).toMatchObject({
        partnershipId: PARTNERSHIP,
        kind,
        taskToken: "task-token-1",
        timeoutSeconds: TIMEOUT_SECONDS,
      });
  });

  it("an item rejected goes back to the partner, whose answer goes to the officer again", async () => {
    const { states, error, payloadOf } = await run([
      ...TO_VETTING,
      [STATE.awaitVettingEvidence, "submitted"],
      [STATE.awaitVettingReview, "request-items", "References, please"],
      [STATE.awaitVettingEvidence, "submitted"],
      [STATE.awaitVettingReview, "verify", "Thank you"],
      [STATE.awaitSignatoryConfirmation, "(silent)"],
    ]);
    expect(states).toEqual([
      ...VISITED_TO_VETTING,
      STATE.awaitVettingEvidence,
      STATE.awaitVettingReview,
      STATE.awaitVettingEvidence,
      STATE.awaitVettingReview,
      STATE.confirmVetting,
      STATE.awaitSignatoryConfirmation,
      STATE.tellLeadOfTimeout,
      STATE.expireUndecided,
    ]);
    expect(error).toBeUndefined();
    // The second request is the same step again (the ledger says which items it asks for).
    expect(payloadOf(STATE.awaitVettingEvidence, 1)).toMatchObject({ kind: "vetting-evidence" });
    // The stage moves once, with the review that let the vetting pass.
    expect(payloadOf(STATE.confirmVetting)).toMatchObject({ outcome: "vetted", comment: "Thank you" });
  });

  it("a waiver: a review that waives items records 'verify', and the vetting passes", async () => {
    // The parser turns verdicts of verified and waived (none rejected) into the outcome "verify".
    const { states, payloadOf } = await run([
      ...TO_VETTING,
      [STATE.awaitVettingEvidence, "submitted"],
      [STATE.awaitVettingReview, "verify", "Insurance waived until March"],
      [STATE.awaitSignatoryConfirmation, "(silent)"],
    ]);
    expect(states.slice(0, VISITED_VETTED.length + 1)).toEqual([
      ...VISITED_VETTED,
      STATE.awaitSignatoryConfirmation,
    ]);
    expect(payloadOf(STATE.confirmVetting)).toMatchObject({
      outcome: "vetted",
      comment: "Insurance waived until March",
    });
  });

  it("a delegation opens the signatory's step again, for the delegate, who confirms", async () => {
    const { states, error, payloadOf } = await run([
      ...VETTED,
      [STATE.awaitSignatoryConfirmation, "delegate"],
      [STATE.awaitSignatoryConfirmation, "confirm"],
      [STATE.awaitAgreementTerms, "(silent)"],
    ]);
    expect(error).toBeUndefined();
    expect(states).toEqual([
      ...VISITED_VETTED,
      STATE.awaitSignatoryConfirmation,
      STATE.awaitSignatoryConfirmation,
      STATE.prepareForSigning,
      STATE.awaitAgreementTerms,
      STATE.tellLeadOfTimeout,
      STATE.expireUndecided,
    ]);
    // The same step for the delegate; what it asks comes from the ledger, not from the decision that led here.
    expect(payloadOf(STATE.awaitSignatoryConfirmation, 1)).toMatchObject({ kind: "signatory-confirmation" });
    expect(payloadOf(STATE.awaitSignatoryConfirmation, 1)).not.toHaveProperty("inputs");
  });

  describe("the officer's check of the signatory's authority", () => {
    const unverified: Answer[] = [...VETTED, [STATE.awaitSignatoryConfirmation, "confirm-unverified"]];
    const checked = [...VISITED_VETTED, STATE.awaitSignatoryConfirmation, STATE.awaitAuthorityVerification];

    it("verified: the agreement is prepared next", async () => {
      const { states, payloadOf } = await run([
        ...unverified,
        [STATE.awaitAuthorityVerification, "verify"],
        [STATE.awaitAgreementTerms, "(silent)"],
      ]);
      expect(states).toEqual([
        ...checked,
        STATE.prepareForSigning,
        STATE.awaitAgreementTerms,
        STATE.tellLeadOfTimeout,
        STATE.expireUndecided,
      ]);
      expect(payloadOf(STATE.awaitAuthorityVerification)).toMatchObject({ kind: "authority-verification" });
      expect(payloadOf(STATE.prepareForSigning)).toMatchObject({ outcome: "authority-confirmed" });
      expect(payloadOf(STATE.awaitAgreementTerms)).toMatchObject({ kind: "agreement-terms" });
    });

    it("evidence asked for: back to the signatory with the officer's words, then verified", async () => {
      const { states, payloadOf } = await run([
        ...unverified,
        [STATE.awaitAuthorityVerification, "request-evidence", "Send the board resolution"],
        [STATE.awaitSignatoryConfirmation, "confirm-unverified"],
        [STATE.awaitAuthorityVerification, "verify"],
        [STATE.awaitAgreementTerms, "(silent)"],
      ]);
      expect(states).toEqual([
        ...checked,
        STATE.awaitSignatoryConfirmation,
        STATE.awaitAuthorityVerification,
        STATE.prepareForSigning,
        STATE.awaitAgreementTerms,
        STATE.tellLeadOfTimeout,
        STATE.expireUndecided,
      ]);
      // The officer's words reach the signatory through the ledger (signatory-confirmation's own tests).
      expect(payloadOf(STATE.awaitSignatoryConfirmation, 1)).toMatchObject({
        kind: "signatory-confirmation",
      });
    });

    it("declined: the partnership is declined with the officer's reason", async () => {
      const { states, error, payloadOf } = await run([
        ...unverified,
        [STATE.awaitAuthorityVerification, "decline", "Not authorised to sign"],
      ]);
      expect(error).toBeUndefined();
      expect(states).toEqual([...checked, STATE.declinePartnership]);
      expect(payloadOf(STATE.declinePartnership)).toMatchObject({
        outcome: "declined",
        comment: "Not authorised to sign",
      });
    });
  });

  it("consent declined: a paper process, recorded by an officer, completes the agreement and activates", async () => {
    const { states, error, payloadOf } = await run([
      ...ISSUED,
      [STATE.awaitPartnerSignature, "paper", "Our board signs on paper"],
      [STATE.awaitPaperAgreement, "received"],
    ]);
    expect(error).toBeUndefined();
    expect(states).toEqual([
      ...VISITED_ISSUED,
      STATE.awaitPartnerSignature,
      STATE.awaitPaperAgreement,
      ...COMPLETION,
    ]);
    expect(payloadOf(STATE.awaitPaperAgreement)).toMatchObject({ kind: "paper-agreement" });
    expect(payloadOf(STATE.activatePartnership)).toMatchObject({ outcome: "activated" });
  });

  it("a paper process the office declines ends the onboarding", async () => {
    const { states } = await run([
      ...ISSUED,
      [STATE.awaitPartnerSignature, "paper"],
      [STATE.awaitPaperAgreement, "decline", "Never heard back"],
    ]);
    expect(states).toEqual([
      ...VISITED_ISSUED,
      STATE.awaitPartnerSignature,
      STATE.awaitPaperAgreement,
      STATE.declinePartnership,
    ]);
  });

  it("a change asked for at countersigning: new terms, issued again, signed again, then countersigned", async () => {
    const { states, error, payloadOf } = await run([
      ...SIGNED,
      [STATE.awaitCountersignature, "amend", "The term should be 24 months"],
      [STATE.awaitAgreementTerms, "issue"],
      [STATE.awaitPartnerSignature, "sign"],
      [STATE.awaitCountersignature, "countersign"],
    ]);
    expect(error).toBeUndefined();
    expect(states).toEqual([
      ...VISITED_SIGNED,
      STATE.awaitCountersignature,
      STATE.awaitAgreementTerms,
      STATE.issueAgreement,
      STATE.awaitPartnerSignature,
      STATE.awaitCountersignature,
      ...COMPLETION,
    ]);
    // The terms' step is opened again; why comes from the ledger (agreement-terms' own tests).
    expect(payloadOf(STATE.awaitAgreementTerms, 1)).toMatchObject({ kind: "agreement-terms" });
    expect(states.filter((s) => s === STATE.issueAgreement)).toHaveLength(2);
  });

  it("a countersignature refused (the vetting's officer) leaves the step waiting: the workflow goes nowhere", async () => {
    // The refusal is a 400 on the page (test/services/): nothing resumes, so the step times out if no one
    // else countersigns. The workflow has no outcome for it.
    expect(Object.keys(STEPS.countersign.outcomes)).toEqual(["countersign", "amend"]);
    const { states } = await run([...SIGNED, [STATE.awaitCountersignature, "(silent)"]]);
    expect(states.slice(-3)).toEqual([
      STATE.awaitCountersignature,
      STATE.tellLeadOfTimeout,
      STATE.expireUndecided,
    ]);
  });

  it("the terms' officer may decline", async () => {
    const { states, payloadOf } = await run([
      ...AUTHORISED,
      [STATE.awaitAgreementTerms, "decline", "The partner withdrew its offer"],
    ]);
    expect(states).toEqual([...VISITED_AUTHORISED, STATE.awaitAgreementTerms, STATE.declinePartnership]);
    expect(payloadOf(STATE.declinePartnership)).toMatchObject({ comment: "The partner withdrew its offer" });
  });

  it("the vetting's officer may decline", async () => {
    const { states } = await run([
      ...TO_VETTING,
      [STATE.awaitVettingEvidence, "submitted"],
      [STATE.awaitVettingReview, "decline", "No insurance"],
    ]);
    expect(states).toEqual([
      ...VISITED_TO_VETTING,
      STATE.awaitVettingEvidence,
      STATE.awaitVettingReview,
      STATE.declinePartnership,
    ]);
  });

  describe("an officer's conflict of interest opens the same step again, for another officer", () => {
    const cases: [string, Answer[], Answer, string[]][] = [
      [
        STATE.awaitVettingReview,
        [...TO_VETTING, [STATE.awaitVettingEvidence, "submitted"]],
        [STATE.awaitVettingReview, "verify"],
        [STATE.confirmVetting],
      ],
      [
        STATE.awaitAuthorityVerification,
        [...VETTED, [STATE.awaitSignatoryConfirmation, "confirm-unverified"]],
        [STATE.awaitAuthorityVerification, "verify"],
        [STATE.prepareForSigning],
      ],
      [STATE.awaitAgreementTerms, AUTHORISED, [STATE.awaitAgreementTerms, "issue"], [STATE.issueAgreement]],
      [
        STATE.awaitCountersignature,
        SIGNED,
        [STATE.awaitCountersignature, "countersign"],
        [STATE.completeAgreement],
      ],
      [
        STATE.awaitPaperAgreement,
        [...ISSUED, [STATE.awaitPartnerSignature, "paper"]],
        [STATE.awaitPaperAgreement, "received"],
        [STATE.completeAgreement],
      ],
      [STATE.awaitOfficerDecision, [], [STATE.awaitOfficerDecision, "approve"], [STATE.approveForVetting]],
    ];
    it.each(cases)("%s: conflict, then the step again, then on", async (state, before, decided, after) => {
      const { states, unanswered, payloadOf } = await run([...before, [state, "conflict"], decided]);
      expect(unanswered).toEqual([]);
      const at = states.indexOf(state);
      expect(at).toBeGreaterThan(0);
      // No stage moves on a conflict: the same step is opened again at once, then goes on as decided.
      expect(states.slice(at, at + 2 + after.length)).toEqual([state, state, ...after]);
      expect(payloadOf(state, 1)).toMatchObject({
        kind: payloadOf(state, 0)?.kind,
        taskToken: "task-token-1",
      });
    });

    it("the partner's and the signatory's steps have no conflict outcome: it is refused as unknown", async () => {
      const { states, payloadOf } = await run([...VETTED, [STATE.awaitSignatoryConfirmation, "conflict"]]);
      expect(states.at(-1)).toBe(STATE.recordWorkflowFailure);
      expect(payloadOf(STATE.recordWorkflowFailure)).toMatchObject({
        failed: { [STATE.awaitSignatoryConfirmation]: { Error: "UnknownOutcomeError" } },
      });
    });
  });

  describe("each step's timeout leads to the expiry branch", () => {
    const cases: [string, Answer[]][] = [
      [STATE.awaitVettingEvidence, TO_VETTING],
      [STATE.awaitVettingReview, [...TO_VETTING, [STATE.awaitVettingEvidence, "submitted"]]],
      [STATE.awaitSignatoryConfirmation, VETTED],
      [
        STATE.awaitAuthorityVerification,
        [...VETTED, [STATE.awaitSignatoryConfirmation, "confirm-unverified"]],
      ],
      [STATE.awaitAgreementTerms, AUTHORISED],
      [STATE.awaitPartnerSignature, ISSUED],
      [STATE.awaitCountersignature, SIGNED],
      [STATE.awaitPaperAgreement, [...ISSUED, [STATE.awaitPartnerSignature, "paper"]]],
    ];
    it.concurrent.each(cases)(
      "%s, unanswered, tells the lead, then expires the partnership",
      async (state, before) => {
        const { states, error, payloadOf } = await run([...before, [state, "(silent)"]]);
        expect(error).toBeUndefined();
        expect(states.slice(-3)).toEqual([state, STATE.tellLeadOfTimeout, STATE.expireUndecided]);
        expect(payloadOf(STATE.tellLeadOfTimeout)).toEqual({
          partnershipId: PARTNERSHIP,
          step: "(state)",
          executionId: SCRIPTED_EXECUTION,
        });
        expect(payloadOf(STATE.expireUndecided)).toEqual({
          partnershipId: PARTNERSHIP,
          step: "(state)",
          outcome: "expired",
        });
      },
    );

    it("covers every new step of the onboarding", () => {
      const covered = new Set(cases.map(([state]) => state));
      const earlier = new Set<string>([STATE.awaitOfficerDecision, STATE.awaitPartnerResubmission]);
      for (const kind of ONBOARDING_STEPS) {
        const { state } = STEPS[kind];
        if (!earlier.has(state)) expect(covered.has(state), state).toBe(true);
      }
    });
  });

  describe("a task error is recorded by RecordWorkflowFailure, and the execution fails", () => {
    const cases: [string, Answer[]][] = [
      [STATE.issueAgreement, AUTHORISED.concat([[STATE.awaitAgreementTerms, "issue"]])],
      [STATE.completeAgreement, [...SIGNED, [STATE.awaitCountersignature, "countersign"]]],
      [STATE.confirmVetting, VETTED],
      [STATE.prepareForSigning, AUTHORISED],
      [STATE.activatePartnership, [...SIGNED, [STATE.awaitCountersignature, "countersign"]]],
      // A step that cannot be opened (say its officer cannot be chosen).
      [STATE.awaitCountersignature, SIGNED],
      [STATE.awaitVettingEvidence, TO_VETTING],
    ];
    it.each(cases)("%s fails with a domain error", async (state, before) => {
      const { states, error, payloadOf } = await run(before, { [state]: "NoOfficerAvailableError" });
      expect(states.slice(-2)).toEqual([state, STATE.recordWorkflowFailure]);
      // The failed state is named by where its error is: a retry resumes there.
      expect(payloadOf(STATE.recordWorkflowFailure)).toMatchObject({
        partnershipId: PARTNERSHIP,
        workflow: "onboarding",
        execution: "scripted-execution",
        failed: { [state]: { Error: "NoOfficerAvailableError" } },
      });
      expect((error?.cause as Error | undefined)?.name).toBe("OnboardingFailed");
    });

    it("an outcome no route knows is recorded as a failure, not taken as a branch", async () => {
      const { states, payloadOf } = await run([...SIGNED, [STATE.awaitCountersignature, "sign-later"]]);
      expect(states.slice(-2)).toEqual([STATE.awaitCountersignature, STATE.recordWorkflowFailure]);
      expect(payloadOf(STATE.recordWorkflowFailure)).toMatchObject({
        failed: { [STATE.awaitCountersignature]: { Error: "UnknownOutcomeError", Cause: "sign-later" } },
      });
    });
  });
});
