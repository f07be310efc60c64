import { describe, expect, it } from "vitest";
import { TERMS } from "../../../test/fixtures/agreement.ts";
import { makeIntake } from "../../../test/fixtures/intake.ts";
import { agreementIssued, CONFLICT_QUESTION, formOf, NOW } from "../../../test/fixtures/step-ledger.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { eventDraft } from "../../events/draft.ts";
import { step } from "./index.ts";
import { formFromTerms } from "./schema.ts";

const view = (events = agreementIssued()) => ({ ...stepView({ events }), now: NOW });
const fields = { ...formFromTerms(TERMS), outcome: "issue" };

describe("the agreement terms step", () => {
  it("issues valid terms, with the template version the partnership started with", async () => {
    expect(await step.parse(fields, view([]))).toMatchObject({
      ok: true,
      answer: { outcome: "issue", details: { templateVersion: "2026-12-v1", terms: { termMonths: 24 } } },
    });
  });

  it("refuses a start date in the past, a term that is not a number, and a decline without a reason", async () => {
    expect(await step.parse({ ...fields, startDate: "2026-11-22" }, view())).toEqual({
      ok: false,
      errors: [{ field: "startDate", message: "The start date has passed: choose today or a later day" }],
    });
    expect(await step.parse({ ...fields, termMonths: "two years" }, view())).toMatchObject({
      ok: false,
      errors: [{ field: "termMonths" }],
    });
    expect(await step.parse({ outcome: "decline", comment: "" }, view())).toMatchObject({
      ok: false,
      errors: [{ field: "comment" }],
    });
  });

  it("starts from the intake's answers, then from the terms set last (an amendment)", () => {
    const fresh = step.initialValues(view([]));
    expect(fresh.expectedOutcomes).toBe(makeIntake().needsAssessment.expectedOutcome);
    expect(fresh.startDate).toBe("2026-12-07");
    expect(step.initialValues(view())).toEqual(formFromTerms(TERMS));
  });

  it("shows why a change was asked for, and asks the conflict-of-interest question", () => {
    // From the ledger: the countersigning officer's words stand until new terms are set, whatever decision led
    // to the step (a conflict of interest reopens it).
    const amend = (comment: string) =>
      eventDraft(
        "CountersignatureDecided",
        { partnershipId: "P", at: "2026-11-24T10:00:00.000Z", actor: "officer:second.officer@example.org" },
        { kind: "countersign", decisionId: "C1", outcome: "amend", comment },
      );
    const conflict = eventDraft(
      "AgreementTermsSet",
      { partnershipId: "P", at: "2026-11-24T11:00:00.000Z", actor: "officer:officer@example.org" },
      { kind: "agreement-terms", decisionId: "T2", outcome: "conflict", comment: "" },
    );
    const asked = [...agreementIssued(), amend("24 months"), conflict];
    expect(step.request?.({}, view(asked))).toBe("24 months");
    expect(step.request?.({}, view())).toBeUndefined();
    expect(step.request?.({}, view([...asked, ...agreementIssued()]))).toBeUndefined();
    const { body } = step.page({
      ...stepView({ decision: { request: "24 months" } }),
      form: formOf(step.initialValues(view())),
    });
    for (const part of CONFLICT_QUESTION) expect(body.value).toContain(part);
    expect(body.value).toContain("Why it is being changed: “24 months”");
  });
});
