/** What the intake schema accepts and refuses, and the messages it gives: the API's and the form's rules. */
import { describe, expect, it } from "vitest";
import { intakeSchema } from "#shared/schemas/intake.ts";
import { fieldErrors, UNKNOWN_FIELD } from "#shared/schemas/validation.ts";
import { makeIntake } from "../fixtures/intake.ts";

/** The field list a 400 response or the form would show for this value. */
const errorsFor = (value: unknown) => {
  const result = intakeSchema.safeParse(value);
  return result.success ? [] : fieldErrors(result.error);
};

describe("unknown fields", () => {
  it("refuses an unknown field at any depth, naming each by its path", () => {
    const intake = makeIntake();
    const errors = errorsFor({
      ...intake,
      admin: true,
      organisation: {
        ...intake.organisation,
        verified: true,
        address: { ...intake.organisation.address, gps: 1 },
      },
      contact: { ...intake.contact, role: "owner" },
      signatory: { ...intake.signatory, signed: true },
      needsAssessment: {
        ...intake.needsAssessment,
        score: 100,
        readiness: { ...intake.needsAssessment.readiness, approved: true },
      },
    });
    expect(errors).toEqual(
      expect.arrayContaining(
        [
          "admin",
          "organisation.verified",
          "organisation.address.gps",
          "contact.role",
          "signatory.signed",
          "needsAssessment.score",
          "needsAssessment.readiness.approved",
        ].map((field) => ({ field, message: UNKNOWN_FIELD })),
      ),
    );
    expect(errors).toHaveLength(7);
  });

  it("names two unknown fields of the same object separately", () => {
    const intake = makeIntake();
    expect(errorsFor({ ...intake, contact: { ...intake.contact, a: 1, b: 2 } })).toEqual([
      { field: "contact.a", message: UNKNOWN_FIELD },
      { field: "contact.b", message: UNKNOWN_FIELD },
    ]);
  });
});
