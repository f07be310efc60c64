/** The officer's page that fills in the agreement's variable parts before it goes to the signatory. */
import { agreementState } from "../../domain/agreement-state.ts";
import { formatDateTime } from "../../web/dates.ts";
import { errorSummary, textArea, textInput } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { CONFLICT_LABELS, conflictQuestion } from "../officer-steps.ts";
import type { FormState, StepView } from "../step.ts";
import { LABELS } from "./schema.ts";

export function agreementTermsPage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  const { values, errors } = form;
  const current = agreementState(view.events).current;
  const title = `Agreement terms: ${p.organisationName}`;
  const area = (name: string, hint?: string) =>
    textArea(name, LABELS[name] ?? name, values, errors, { maxLength: 4000, ...(hint ? { hint } : {}) });
  const line = (name: string, hint: string, type: "text" | "date" = "text") =>
    textInput(name, LABELS[name] ?? name, values, errors, { hint, type, maxLength: 10 });
  return {
    title,
    body: html`<h1>${title}</h1>
<p>Please fill in the agreement by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>. The rest of its text comes from the office's template. ${
      current
        ? html`This makes version ${current.version + 1}: the signatures on version ${current.version} are void, and signing starts again.`
        : "The signatory is sent the agreement to sign once you issue it."
    }</p>
${d.request ? html`<p class="notice">Why it is being changed: “${d.request}”</p>` : ""}
${errorSummary(errors, { ...LABELS, ...CONFLICT_LABELS })}
<form method="post" action="${form.action}" class="card" novalidate id="f-outcome">
<h2>Division of services</h2>
${area("divisionOfServices.office", "What the office will do.")}
${area("divisionOfServices.partner", "What the partner will do.")}
<h2>Outcomes and money</h2>
${area("expectedOutcomes")}
${area("financialResponsibility", "Who pays for what.")}
<h2>Term</h2>
${line("startDate", "YYYY-MM-DD; today or later.", "date")}
${line("termMonths", "1 to 60.")}
${line("reviewCadenceMonths", "1 to 36, and no longer than the term.")}
${line("terminationNoticeDays", "0 to 365.")}
<h2>Protocols</h2>
${area("referralProtocol")}
${area("communicationProtocol")}
${textArea("comment", LABELS.comment ?? "Comment", values, errors, { hint: "Required to decline; the partner sees it.", maxLength: 2000 })}
${conflictQuestion(form)}
<div class="actions"><button type="submit" name="outcome" value="issue">Issue the agreement for signing</button>
<button type="submit" name="outcome" value="decline" class="danger">Decline…</button></div>
</form>`,
  };
}
