/** The partner's edit form, prefilled with the current answers or with a failed post. */
import type { FieldError } from "../schemas/validation.ts";
import { type FormFields, renderIntakeForm } from "../web/intake-form.ts";
import { htmlResponse, page } from "../web/layout.ts";

export function resubmissionResponse(
  status: number,
  token: string,
  request: string,
  values: FormFields,
  errors: FieldError[] = [],
) {
  return htmlResponse(
    status,
    page(
      errors.length > 0 ? "Please correct the form: Update your intake" : "Update your intake",
      renderIntakeForm({
        action: `/resubmit/${token}`,
        title: "Update your intake",
        intro: `The partnership officer asked: “${request}”${/[.!?]$/.test(request) ? "" : "."} Correct or complete your answers and submit them again.`,
        submitLabel: "Submit updated answers",
        values,
        errors,
      }),
    ),
  );
}
