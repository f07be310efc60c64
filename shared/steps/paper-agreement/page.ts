/** The officer's page for a paper signing: the signatory's request, and the record of the signed copies. */
import { formatDateTime } from "../../web/dates.ts";
import { errorSummary, textArea, textInput } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { issuedAgreement } from "../agreement-view.ts";
import { CONFLICT_LABELS, conflictQuestion } from "../officer-steps.ts";
import { barredFromSigning, SEGREGATION_MESSAGE } from "../segregation.ts";
import type { FormState, StepView } from "../step.ts";
import { LABELS } from "./schema.ts";

export function paperAgreementPage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  const agreement = issuedAgreement(view);
  const asked = [...view.events]
    .reverse()
    .find((e) => e.type === "PartnerSignatureAnswered" && e.data.outcome === "paper");
  const title = `Paper signing: ${p.organisationName}`;
  return {
    title,
    body: html`<h1>${title}</h1>
<p>${p.organisationName}'s signatory did not consent to sign electronically and asked to sign on paper${
      asked?.data.comment ? html` (“${String(asked.data.comment)}”)` : ""
    }. Please arrange it, and record the signed copies here by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>.</p>
${agreement ? html`<p>The agreement to print: <a href="${form.action}/agreement.pdf">version ${agreement.issued.version} (PDF)</a>, SHA-256 <code>${agreement.issued.sha256}</code>.</p>` : ""}
${barredFromSigning(view) ? html`<p class="error" role="alert">${SEGREGATION_MESSAGE}</p>` : ""}
${errorSummary(form.errors, { ...LABELS, ...CONFLICT_LABELS })}
<form method="post" action="${form.action}" class="card" novalidate id="f-outcome">
${textInput("reference", LABELS.reference, form.values, form.errors, { hint: "For example the file number and the date both copies were signed.", maxLength: 500 })}
${textArea("comment", LABELS.comment, form.values, form.errors, { hint: "Required to decline; the partner sees it.", maxLength: 2000 })}
${conflictQuestion(form)}
<div class="actions"><button type="submit" name="outcome" value="received">Both parties signed on paper</button>
<button type="submit" name="outcome" value="decline" class="danger">Decline…</button></div>
</form>`,
  };
}
