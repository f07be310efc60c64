import { describe, expect, it } from "vitest";
import { agreementIssued, formOf, NOW } from "../../../test/fixtures/step-ledger.ts";
import { P, stepView } from "../../../test/fixtures/step-view.ts";
import { REVIEW_STATE } from "../../../workflows/review/states.ts";
import { eventDraft } from "../../events/draft.ts";
import { step } from "./index.ts";

const given = eventDraft(
  "SelfAssessmentGiven",
  { partnershipId: "P", at: "2026-11-23T12:00:00.000Z", actor: "partner" },
  {
    kind: "review-self-assessment",
    decisionId: "D1",
    outcome: "submitted",
    comment: "",
    details: {
      ratings: [
        { outcome: "Thirty students", rating: "partly", evidence: "22 of 30", change: "More mentors" },
      ],
    },
  },
);
const view = () => ({ ...stepView({ events: [...agreementIssued(), given] }), now: NOW });

describe("the review's evaluation step", () => {
  it("routes renew, amend and terminate; terminating asks for a deliberate confirmation", () => {
    expect(step.asked).toBe("officer");
    expect(Object.fromEntries(Object.entries(step.outcomes).map(([k, o]) => [k, o.next]))).toEqual({
      renew: REVIEW_STATE.recordRenewal,
      amend: REVIEW_STATE.startAmendment,
      terminate: REVIEW_STATE.terminate,
    });
    expect(step.outcomes.terminate.ends).toBe(true);
    expect(step.outcomes.renew.ends).toBeUndefined();
  });

  it("links the agreement in force beside the answers (its PDF below the step's link)", () => {
    expect(step.documents).toBe("agreement");
    const { body } = step.page({ ...view(), form: formOf() });
    expect(body.value).toContain('<a id="agreement-pdf" href="/step/T/agreement.pdf">');
  });

  it("says after Renew when the next review is due: the agreement's cadence from the office's today", () => {
    // The fixture's terms review every 12 months; in the office's zone it is 23 November 2026.
    expect(step.outcomes.renew.doneDetail?.(view())).toBe("The next review is due November 23, 2027.");
    expect(step.outcomes.renew.doneDetail?.({ ...view(), now: undefined })).toBeUndefined();
  });

  it("shows the partner's answers beside the agreement's outcomes, with the conflict of interest question", () => {
    const { body } = step.page({ ...view(), form: formOf() });
    expect(body.value).toContain('id="review-side-by-side"');
    expect(body.value).toContain(
      "<td>Thirty students</td><td>Partly met</td><td>22 of 30</td><td>More mentors</td>",
    );
    expect(body.value).toContain("I declare that I have no conflict of interest");
    expect(body.value).toContain('value="terminate" class="danger">Terminate…</button>');
  });

  it("asks why to amend or terminate; renews without a comment", async () => {
    expect(await step.parse({ outcome: "terminate", comment: "" }, view())).toEqual({
      ok: false,
      errors: [
        {
          field: "comment",
          message: "Required: say why the partnership is terminated (the partner is told)",
        },
      ],
    });
    expect(await step.parse({ outcome: "amend" }, view())).toMatchObject({
      ok: false,
      errors: [{ field: "comment" }],
    });
    expect(await step.parse({ outcome: "renew" }, view())).toEqual({
      ok: true,
      answer: { outcome: "renew", comment: "" },
    });
  });

  it("an escalated evaluation goes to another officer; then to the lead", () => {
    const asked = eventDraft(
      "ReviewEvaluationRequested",
      { partnershipId: P, at: "2026-11-23T12:00:00.000Z", actor: "system:workflow" },
      {
        kind: "review-evaluation",
        decisionId: "D2",
        assignee: "officer@example.org",
        dueAt: "2026-11-30T12:00:00.000Z",
      },
    );
    const base = stepView({ events: [asked] });
    const config = {
      ...base.config,
      OFFICER_EMAILS: ["officer@example.org", "second@example.org"],
      LEAD_EMAIL: "lead@example.org",
    };
    const assign = (reviewer: string) => step.assignee({ ...base, config, inputs: { reviewer } });
    expect(assign("escalated")).toBe("second@example.org");
    expect(assign("lead")).toBe("lead@example.org");
  });
});
