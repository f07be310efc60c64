/** The intake form page, blank or with the values and errors of a failed post. */
import { randomBytes } from "node:crypto";
import type { FieldError } from "../schemas/validation.ts";
import { type FormFields, renderIntakeForm } from "../web/intake-form.ts";
import { htmlResponse, page } from "../web/layout.ts";

export function intakeFormResponse(status: number, values: FormFields = {}, errors: FieldError[] = []) {
  const key =
    typeof values.idempotencyKey === "string" ? values.idempotencyKey : randomBytes(16).toString("base64url");
  return htmlResponse(
    status,
    page(
      errors.length > 0 ? "Please correct the form: Partner intake" : "Partner intake",
      renderIntakeForm({
        action: "/",
        title: "Become a community partner",
        intro:
          "Tell us about your organisation and do the needs assessment: what you want to achieve, what you offer, and whether you are ready to partner.",
        submitLabel: "Submit intake",
        idempotencyKey: key,
        values,
        errors,
      }),
    ),
  );
}
