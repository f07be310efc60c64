/** The signatory's page: confirm name, title and authority, or hand the signing to someone else. */
import { signatoryState } from "../../domain/signatory-state.ts";
import { formatDateTime } from "../../web/dates.ts";
import { checkbox, errorSummary, textArea, textInput } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import type { FormState, StepView } from "../step.ts";
import { LABELS } from "./schema.ts";

export function signatoryPage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  const { signatory } = signatoryState(p.intake, view.events);
  const org = p.organisationName;
  const title = `Confirm your authority to sign for ${org}`;
  const { values, errors } = form;
  return {
    title,
    body: html`<h1>${title}</h1>
<p>${org} is becoming a partner of the ${config.OFFICE_NAME}. You are named as the person who will sign the partnership agreement for it (${signatory.name}, ${signatory.title}). Please answer by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>.</p>
${d.request ? html`<p class="notice">The office asks: “${d.request}”</p>` : ""}
${errorSummary(errors, LABELS)}
<h2>I will sign</h2>
<form method="post" action="${form.action}" class="card" novalidate id="f-action">
${textInput("name", LABELS.name, values, errors, { autocomplete: "name", maxLength: 200 })}
${textInput("title", LABELS.title, values, errors, { autocomplete: "organization-title", maxLength: 200 })}
${checkbox("authority", `I confirm that I have the authority to commit ${org} to a partnership agreement.`, values, errors)}
${textArea("evidence", LABELS.evidence, values, errors, {
  hint: "Optional: for example the reference of a board resolution or of a delegation of signing authority.",
  maxLength: 500,
})}
<div class="actions"><button type="submit" name="action" value="confirm">Confirm my authority</button></div>
</form>
<h2>Someone else will sign</h2>
<form method="post" action="${form.action}" class="card" novalidate>
<p>Give the person who has the authority to sign. They get their own link, and this one stops working.</p>
${textInput("delegate.name", LABELS["delegate.name"], values, errors, { maxLength: 200 })}
${textInput("delegate.title", LABELS["delegate.title"], values, errors, { maxLength: 200 })}
${textInput("delegate.email", LABELS["delegate.email"], values, errors, { type: "email", maxLength: 254 })}
<div class="actions"><button type="submit" name="action" value="delegate" class="secondary">Hand the signing to this person</button></div>
</form>`,
  };
}
