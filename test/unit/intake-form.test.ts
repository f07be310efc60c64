/** The HTML intake form parsed back into an intake: what a browser posts becomes what the schema expects. */
import { describe, expect, it } from "vitest";
import { intakeSchema } from "#shared/schemas/intake.ts";
import { formToIntake, renderIntakeForm } from "#shared/web/intake-form.ts";
import { intakeFormFields, makeIntake } from "../fixtures/intake.ts";

describe("formToIntake", () => {
  it("turns a complete form into the intake it was filled from, which the strict schema accepts", () => {
    const intake = makeIntake();
    expect(intakeSchema.parse(formToIntake(intakeFormFields(intake)))).toEqual(intake);
  });

  it("takes only the form's own fields: a posted field the form does not have is left out, not refused", () => {
    const fields = {
      ...intakeFormFields(makeIntake()),
      idempotencyKey: "form-key-12345",
      admin: "true",
      "organisation.verified": "yes",
      "needsAssessment.readiness.approved": "yes",
    };
    const parsed = intakeSchema.safeParse(formToIntake(fields));
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data).toEqual(makeIntake());
  });
});

describe("formToIntake, hours and website", () => {
  const hoursOf = (value: string) =>
    formToIntake({ "needsAssessment.readiness.staffingHoursPerMonth": value }).needsAssessment;
  const readiness = (value: string) =>
    (hoursOf(value) as { readiness: { staffingHoursPerMonth: unknown } }).readiness.staffingHoursPerMonth;

  it("reads any number typed as hours as a number, so the schema can say it must be whole", () => {
    expect(readiness(" 12 ")).toBe(12);
    expect(readiness("2.5")).toBe(2.5);
    expect(readiness("-3")).toBe(-3);
    expect(readiness("eight")).toBe("eight");
    expect(readiness("")).toBeUndefined();
  });

  it("gives a website typed without a scheme https://, as the JSON API does", () => {
    const fields = { ...intakeFormFields(makeIntake()), "organisation.website": "harbourviewsupplies.ca" };
    expect(intakeSchema.parse(formToIntake(fields)).organisation.website).toBe(
      "https://harbourviewsupplies.ca",
    );
  });
});

describe("renderIntakeForm", () => {
  const page = () =>
    renderIntakeForm({
      action: "/",
      title: "Partner intake",
      intro: "Tell us about your organisation.",
      submitLabel: "Submit intake",
      values: {},
      errors: [],
    }).toString();

  it("asks for whole hours, and lets a browser offer a whole-number keypad", () => {
    const form = page();
    expect(form).toContain(
      '<p class="hint" id="f-needsAssessment-readiness-staffingHoursPerMonth-hint">Whole hours, for example 8</p>',
    );
    expect(form).toMatch(
      /<input type="number" id="f-needsAssessment-readiness-staffingHoursPerMonth"[^>]* min="0" max="744" step="1" inputmode="numeric"/,
    );
  });

  it("shows a website without a scheme as an example, since https:// is added", () => {
    expect(page()).toContain('<p class="hint" id="f-organisation-website-hint">For example: example.org</p>');
  });

  it("never tells a person to choose in a text box", () => {
    const services = /<label for="f-services">[\s\S]*?<\/textarea>/.exec(page())?.[0] ?? "";
    expect(services).toContain("Services you would provide (one per line)");
    expect(services).not.toMatch(/choose/i);
  });
});
