/** The officer's page that fills in the agreement's variable parts before it goes to the signatory. */
import { type AgreementState, agreementState } from "../../domain/agreement-state.ts";
import { amendmentUnderway } from "../../domain/review.ts";
import { formatDateTime } from "../../web/dates.ts";
import { errorSummary, textArea, textInput } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { CONFLICT_LABELS, conflictQuestion } from "../officer-steps.ts";
import type { FormState, StepView } from "../step.ts";
import { LABELS } from "./schema.ts";

export function agreementTermsPage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  const { values, errors } = form;
  const state = agreementState(view.events);
  const title = `Agreement terms: ${p.organisationName}`;
  const area = (name: string, hint?: string) =>
    textArea(name, LABELS[name] ?? name, values, errors, { maxLength: 4000, ...(hint ? { hint } : {}) });
  const line = (name: string, hint: string, type: "text" | "date" = "text") =>
    textInput(name, LABELS[name] ?? name, values, errors, { hint, type, maxLength: 10 });
  return {
    title,
    body: html`<h1>${title}</h1>
<p>Please fill in the agreement by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>. The rest of its text comes from the office's template. ${versionNote(state, amendmentUnderway(view.events))}</p>
${
  d.request
    ? html`<p class="notice">${
        state.changeAskedBy === "review" ? "The periodic review asked to amend it" : "Why it is being changed"
      }: “${d.request}”</p>`
    : ""
}
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

/**
 * What issuing makes: the first version; a new one whose signatures start again (a change asked at the signing);
 * or, amending an agreement in force, a new one while the version in force stays until it is signed.
 */
function versionNote(state: AgreementState, amending: boolean): string {
  const { current, inForceVersion: inForce } = state;
  if (!current) return "The signatory is sent the agreement to sign once you issue it.";
  const next = current.version + 1;
  if (!amending || inForce === undefined)
    return `This makes version ${next}: the signatures on version ${current.version} are void, and signing starts again.`;
  const voided = current.version !== inForce ? `; the signatures on version ${current.version} are void` : "";
  return `This makes version ${next}${voided}. Version ${inForce} stays in force until version ${next} is signed by both parties; if it is declined, or not signed in time, version ${inForce} stays.`;
}
