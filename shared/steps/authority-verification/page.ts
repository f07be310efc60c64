/** The officer's page to verify the signatory's authority: who confirmed what, and why it needs verifying. */
import { AUTHORITY_CHECK_REASONS, type AuthorityCheckReason } from "../../domain/signatory-authority.ts";
import { signatoryState } from "../../domain/signatory-state.ts";
import { formatDateTime } from "../../web/dates.ts";
import { errorSummary, textArea } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { CONFLICT_LABELS, conflictQuestion } from "../officer-steps.ts";
import type { FormState, StepView } from "../step.ts";

const LABELS = { comment: "Comment", outcome: "Your decision", ...CONFLICT_LABELS };

export function authorityVerificationPage(view: StepView & { form: FormState }): {
  title: string;
  body: SafeHtml;
} {
  const { partnership: p, decision: d, form, config } = view;
  const state = signatoryState(p.intake, view.events);
  const reasons = (state.confirmed?.checkReasons ?? []) as AuthorityCheckReason[];
  const title = `Verify the signatory's authority: ${p.organisationName}`;
  return {
    title,
    body: html`<h1>${title}</h1>
<p>Please decide by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>.</p>
${errorSummary(form.errors, LABELS)}
<div class="card"><h2>The signatory</h2><dl>
<dt>Name</dt><dd>${state.signatory.name}</dd><dt>Title</dt><dd>${state.signatory.title}</dd><dt>Email</dt><dd>${state.signatory.email}</dd>
<dt>Evidence given</dt><dd>${state.confirmed?.evidence ?? "None"}</dd>
<dt>Organisation's website</dt><dd>${p.intake.organisation.website ?? "None given"}</dd>
<dt>Submitted by</dt><dd>${p.intake.contact.name} (${p.intake.contact.email})</dd>
${state.delegations > 0 ? html`<dt>Delegated</dt><dd>${state.delegations} time(s)</dd>` : ""}</dl>
<h3>Why this needs verifying</h3><ul>${reasons.map((r) => html`<li>${AUTHORITY_CHECK_REASONS[r] ?? r}</li>`)}</ul></div>
<form method="post" action="${form.action}" class="card" novalidate id="f-outcome">
${textArea("comment", LABELS.comment, form.values, form.errors, {
  hint: "Required to ask for evidence (the signatory sees it) or to decline (the partner sees it).",
  maxLength: 2000,
})}
${conflictQuestion(form)}
<div class="actions"><button type="submit" name="outcome" value="verify">Authority verified</button>
<button type="submit" name="outcome" value="request-evidence" class="secondary">Ask the signatory for evidence</button>
<button type="submit" name="outcome" value="decline" class="danger">Decline…</button></div>
</form>`,
  };
}
