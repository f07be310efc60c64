import { describe, expect, it } from "vitest";
import { agreementIssued, formOf, NOW } from "../../../test/fixtures/step-ledger.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { REVIEW_STATE } from "../../../workflows/review/states.ts";
import { step } from "./index.ts";

const view = () => ({ ...stepView({ events: agreementIssued() }), now: NOW });

describe("the review's self-assessment step", () => {
  it("asks the partner, and goes on to the officer's evaluation", () => {
    expect(step.asked).toBe("partner");
    expect(step.state).toBe(REVIEW_STATE.awaitSelfAssessment);
    expect(step.outcomes.submitted.next).toBe(REVIEW_STATE.awaitEvaluation);
  });

  it("shows each agreed outcome with its rating, evidence and what should change", () => {
    const { body } = step.page({ ...view(), form: formOf() });
    expect(body.value).toContain("Outcome 1: Thirty students complete the mentoring programme");
    expect(body.value).toContain('name="o0.rating" value="partly"');
    expect(body.value).toContain('name="o0.evidence"');
    expect(body.value).toContain("Save and come back later");
  });

  it("says in its error summary which outcome lacks what, by its number", () => {
    const errors = [
      { field: "o0.rating", message: "choose met, partly met or not met" },
      { field: "o0.evidence", message: "say what shows it" },
    ];
    const { body } = step.page({ ...view(), form: formOf({}, errors) });
    const summary = body.value.slice(body.value.indexOf('id="error-summary"'), body.value.indexOf("</ul>"));
    expect(summary.replace(/<[^>]+>/g, "")).toContain("Outcome 1: choose met, partly met or not met");
    expect(summary.replace(/<[^>]+>/g, "")).toContain("Outcome 1, evidence: say what shows it");
    expect(summary).not.toContain(".:");
  });

  it("names each field that is missing, saves a draft, and records the ratings once sent", async () => {
    expect(await step.parse({ action: "send" }, view())).toEqual({
      ok: false,
      errors: [
        { field: "o0.rating", message: "choose met, partly met or not met" },
        { field: "o0.evidence", message: "say what shows it" },
      ],
    });
    expect(await step.parse({ action: "save", "o0.rating": "met" }, view())).toEqual({
      ok: "draft",
      draft: { "o0.rating": "met" },
    });
    expect(
      await step.parse({ action: "send", "o0.rating": "great", "o0.evidence": "x" }, view()),
    ).toMatchObject({
      ok: false,
      errors: [{ field: "o0.rating" }],
    });
    const sent = await step.parse(
      { action: "send", "o0.rating": "partly", "o0.evidence": "22 of 30" },
      view(),
    );
    expect(sent).toMatchObject({
      ok: true,
      answer: {
        outcome: "submitted",
        details: {
          ratings: [
            {
              outcome: expect.stringMatching(/^Thirty students/),
              rating: "partly",
              evidence: "22 of 30",
              change: "",
            },
          ],
        },
      },
    });
  });
});
