/** The partner's page after a request for more information: the officer's question, an answer, the intake. */
import { formatDateTime } from "../../web/dates.ts";
import { textArea } from "../../web/form-kit.ts";
import type { SafeHtml } from "../../web/html.ts";
import { renderIntakeForm } from "../../web/intake-form.ts";
import type { FormState, StepView } from "../step.ts";

export const ANSWER_LABEL = "Your answer to the officer";

export function resubmissionPage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { decision, form, config } = view;
  const request = decision.request ?? "";
  const title = "Update your intake";
  return {
    title,
    body: renderIntakeForm({
      action: form.action,
      title,
      intro: `The partnership officer asked: “${request}”${/[.!?]$/.test(request) ? "" : "."} Answer below, correct or complete your answers, and send them again by ${formatDateTime(decision.dueAt, config.TIME_ZONE)}.`,
      submitLabel: "Send my answer and updated intake",
      values: form.values,
      errors: [...form.errors],
      extra: {
        fields: textArea("answer", ANSWER_LABEL, form.values, form.errors, {
          hint: "The officer reads this beside your updated answers.",
          maxLength: 2000,
          required: true,
        }),
        labels: { answer: ANSWER_LABEL },
      },
    }),
  };
}
