/** The HTML intake form parsed back into an intake: what a browser posts becomes what the schema expects. */
import { describe, expect, it } from "vitest";
import { intakeSchema } from "#shared/schemas/intake.ts";
import { formToIntake } from "#shared/web/intake-form.ts";
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
