/** The signatory's signing page: the whole agreement, its PDF, consent, intent and the typed name; or paper. */
import { formatDateTime } from "../../web/dates.ts";
import { checkbox, errorSummary, textArea } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { issuedAgreement } from "../agreement-view.ts";
import { agreementSection, signatureFields } from "../signature-form.ts";
import type { FormState, StepView } from "../step.ts";
import { LABELS } from "./schema.ts";

export function signingPage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  const agreement = issuedAgreement(view);
  const title = `Sign the partnership agreement: ${p.organisationName}`;
  if (!agreement)
    return {
      title,
      body: html`<h1>${title}</h1><p>The agreement is being prepared. Please try again in a minute.</p>`,
    };
  return {
    title,
    body: html`<h1>${title}</h1>
<p>Please read the agreement and sign it by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>. An officer of the ${config.OFFICE_NAME} then countersigns it, and you will both get the signed agreement by email.</p>
${errorSummary(form.errors, LABELS)}
${agreementSection(agreement, `${form.action}/agreement.pdf`)}
<h2>Sign</h2>
<form method="post" action="${form.action}" class="card" novalidate id="f-action">
${checkbox(
  "consent",
  "I agree to do business electronically: to receive this agreement and sign it electronically, and to receive the signed agreement by email. I may ask for a paper copy at any time.",
  form.values,
  form.errors,
)}
${signatureFields(form, agreement, `I intend to sign this agreement (version ${agreement.issued.version}) on behalf of ${p.organisationName}, and my typed name below is my signature.`)}
<p class="hint">When you sign we record the time, your internet address, your browser and the agreement's fingerprint (SHA-256).</p>
<div class="actions"><button type="submit" name="action" value="sign">Sign the agreement</button></div>
</form>
<h2>I do not want to sign electronically</h2>
<form method="post" action="${form.action}" class="card" novalidate>
<p>The office will arrange to sign on paper instead. This link then stops working.</p>
${textArea("reason", LABELS.reason, form.values, form.errors, { hint: "Optional.", maxLength: 1000 })}
<div class="actions"><button type="submit" name="action" value="paper" class="secondary">Ask for a paper process</button></div>
</form>`,
  };
}
