/** The partner's self-assessment page: each agreed outcome rated, with its evidence and what should change. */
import { RATING_WORDS, RATINGS } from "../../domain/review.ts";
import { formatDateTime } from "../../web/dates.ts";
import { errorSummary, radios, textArea } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import type { FormState, StepView } from "../step.ts";
import {
  ACTION_FIELD,
  changeField,
  evidenceField,
  fieldLabels,
  outcomesToRate,
  ratingField,
} from "./schema.ts";

const CHOICES = RATINGS.map((value) => ({ value, label: RATING_WORDS[value] }));

export function selfAssessmentPage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  const outcomes = outcomesToRate(view);
  const title = `Partnership review: ${p.organisationName}`;
  return {
    title,
    body: html`<h1>${title}</h1>
<p>It is time to review the partnership. For each outcome your agreement sets, say how far it was met, what shows it, and what should change. Please send it by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>. You can save and come back with the same link; nothing is sent until you press “Send to the office”.</p>
${d.draftSavedAt ? html`<p class="hint">Last saved ${formatDateTime(d.draftSavedAt, config.TIME_ZONE)}.</p>` : ""}
${errorSummary(form.errors, fieldLabels(outcomes))}
<form method="post" action="${form.action}" novalidate id="f-${ACTION_FIELD}">
${outcomes.map(
  (
    outcome,
    i,
  ) => html`<fieldset class="card item"><legend><strong>Outcome ${i + 1}: ${outcome}</strong></legend>
${radios(ratingField(i), "How far was it met?", CHOICES, form.values, form.errors)}
${textArea(evidenceField(i), "Evidence: what shows it", form.values, form.errors, { maxLength: 2000 })}
${textArea(changeField(i), "What should change (optional)", form.values, form.errors, { maxLength: 2000 })}
</fieldset>`,
)}
<div class="actions"><button type="submit" name="${ACTION_FIELD}" value="send">Send to the office</button>
<button type="submit" name="${ACTION_FIELD}" value="save" class="secondary">Save and come back later</button></div>
</form>`,
  };
}
