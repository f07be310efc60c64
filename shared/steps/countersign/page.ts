/** The officer's countersigning page: the agreement, the partner's signature evidence, the countersignature. */
import { signatureOf } from "../../domain/agreement-state.ts";
import { formatDateTime } from "../../web/dates.ts";
import { errorSummary, textArea } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { issuedAgreement } from "../agreement-view.ts";
import { CONFLICT_LABELS, conflictQuestion } from "../officer-steps.ts";
import { barredFromSigning, SEGREGATION_MESSAGE } from "../segregation.ts";
import { agreementSection, signatureFields } from "../signature-form.ts";
import type { FormState, StepView } from "../step.ts";
import { LABELS } from "./schema.ts";

export function countersignPage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  const agreement = issuedAgreement(view);
  const title = `Countersign the agreement: ${p.organisationName}`;
  if (!agreement) return { title, body: html`<h1>${title}</h1><p>There is no agreement to countersign.</p>` };
  const partner = signatureOf(agreement.state, "partner");
  const barred = barredFromSigning(view);
  return {
    title,
    body: html`<h1>${title}</h1>
<p>Please countersign by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>, or ask for a change (which makes a new version for the partner to sign again).</p>
${barred ? html`<p class="error" role="alert">${SEGREGATION_MESSAGE}</p>` : ""}
${errorSummary(form.errors, { ...LABELS, ...CONFLICT_LABELS })}
${
  partner
    ? html`<div class="card"><h2>The partner's signature</h2><dl><dt>Signed by</dt><dd>${partner.name}${partner.title ? `, ${partner.title}` : ""} (${partner.email})</dd>
<dt>When</dt><dd>${formatDateTime(partner.signedAt, config.TIME_ZONE)}</dd><dt>From</dt><dd>${partner.ip}; ${partner.userAgent}</dd>
<dt>Document</dt><dd>version ${partner.agreementVersion}, SHA-256 <code>${partner.documentSha256}</code></dd></dl></div>`
    : ""
}
${agreementSection(agreement, `${form.action}/agreement.pdf`)}
<form method="post" action="${form.action}" class="card" novalidate id="f-outcome">
${signatureFields(form, agreement, `I countersign this agreement (version ${agreement.issued.version}) on behalf of the ${config.OFFICE_NAME}.`)}
${textArea("comment", LABELS.comment, form.values, form.errors, { hint: "Only to ask for a change.", maxLength: 2000 })}
${conflictQuestion(form)}
<div class="actions"><button type="submit" name="outcome" value="countersign">Countersign</button>
<button type="submit" name="outcome" value="amend" class="secondary">Ask for a change</button></div>
</form>`,
  };
}
