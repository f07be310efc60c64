import { describe, expect, it } from "vitest";
import { intakeFormFields, makeIntake } from "../../../test/fixtures/intake.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { step } from "./index.ts";

const view = () =>
  stepView({
    decision: { kind: "resubmission", assignee: "partner", request: "Which schools do you serve?" },
  });

describe("the resubmission step", () => {
  it("makes the answer and the corrected intake the next intake version", async () => {
    const intake = makeIntake({ organisation: { name: "Riverside Tooling Cooperative" } });
    const parsed = await step.parse(
      { ...intakeFormFields(intake), answer: " Eastview and Riverside. " },
      view(),
    );
    expect(parsed).toEqual({
      ok: true,
      answer: {
        outcome: "resubmitted",
        comment: "Eastview and Riverside.",
        resubmission: { intakeVersion: 2, intake },
      },
    });
  });

  it("needs an answer to the officer's question, and reports it with the intake's own errors", async () => {
    const parsed = await step.parse(
      { ...intakeFormFields(makeIntake()), "organisation.name": "", answer: "" },
      view(),
    );
    expect(parsed.ok).toBe(false);
    const fields = parsed.ok ? [] : parsed.errors.map((e) => e.field);
    expect(fields).toContain("answer");
    expect(fields).toContain("organisation.name");
  });

  it("asks the partner, at the contact's address, with the question and the deadline", () => {
    const mail = step.email({ ...view(), url: "https://partners.example.org/resubmit/T" });
    expect(mail.to).toEqual([makeIntake().contact.email]);
    expect(mail.text).toContain("The officer wrote: “Which schools do you serve?”");
    expect(mail.text).toContain("by December 10, 2026 at 5:00 p.m. EST (America/Toronto)");
    expect(mail.replyTo).toEqual(["office@example.org"]);
  });

  it("tells the partner's status page what it waits for, and until when", () => {
    const { decision, config } = view();
    expect(step.waiting(decision, config)).toBe(
      "The office needs more information before it decides: “Which schools do you serve?” Please send your updated answers by December 10, 2026 at 5:00 p.m. EST (America/Toronto), with the link in the email we sent you.",
    );
  });

  it("takes the officer's question from the workflow, or asks plainly when there is none", () => {
    expect(step.request?.({ request: "  Which schools? " }, stepView())).toBe("Which schools?");
    expect(step.request?.({ request: "" }, stepView())).toBe("Please complete your answers.");
    expect(step.request?.({}, stepView())).toBe("Please complete your answers.");
  });
});
