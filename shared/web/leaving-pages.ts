/**
 * The pages of ending a partnership (issue 13): the partner's withdrawal form (from its status page) and the
 * office lead's termination form (from the console). Each says what happens, asks for a reason and a deliberate
 * confirmation, and on a POST with something missing shows itself again with what is wrong, its answers kept.
 */
import type { Partnership } from "../domain/partnership.ts";
import type { FieldError } from "../schemas/validation.ts";
import { checkbox, errorSummary, textArea } from "./form-kit.ts";
import { html, type SafeHtml } from "./html.ts";
import type { FormFields } from "./intake-form.ts";
import { stageName } from "./stage-names.ts";

export interface EndingForm {
  /** Where the form posts. */
  readonly action: string;
  /** Where "go back" leads: the status page, or the console's page of the partnership. */
  readonly back: string;
  readonly values: FormFields;
  readonly errors: readonly FieldError[];
}

const WITHDRAWAL_LABELS = {
  reason: "Why are you withdrawing?",
  confirm: "Confirmation",
} as const;

/** The partner's withdrawal: what it ends, the reason, and "I understand this ends …". */
export function withdrawalPage(
  p: Pick<Partnership, "organisationName" | "stage">,
  form: EndingForm,
): SafeHtml {
  return html`<h1>Withdraw from the partnership</h1>
${errorSummary(form.errors, WITHDRAWAL_LABELS)}
<div class="card"><p>Withdrawing ends the partnership of <strong>${p.organisationName}</strong> with the office, at whatever stage it is (now: ${stageName(p.stage)}).</p>
<ul><li>Every step still open is closed: the links we emailed for them stop working.</li>
<li>Nothing more is asked of you or of the person who signs for you.</li>
<li>The office is told, with your reason. It cannot be undone: to work with the office again, start a new intake.</li></ul></div>
<form method="post" action="${form.action}" novalidate>
${textArea("reason", WITHDRAWAL_LABELS.reason, form.values, form.errors, {
  hint: "The office reads it. Please do not name people: say what changed, not who.",
  maxLength: 2000,
  required: true,
})}
${checkbox("confirm", `I understand this ends the partnership of ${p.organisationName} with the office, and cannot be undone`, form.values, form.errors)}
<button type="submit" class="danger">Withdraw from the partnership</button>
</form>
<p><a href="${form.back}">Back to the status page, without withdrawing</a></p>`;
}

const TERMINATION_LABELS = {
  reason: "Reason for the termination",
  confirm: "Confirmation",
} as const;

/** The lead's termination: what it ends, the reason (the partner is emailed it), and a confirmation. */
export function terminationPage(
  p: Pick<Partnership, "id" | "organisationName" | "stage">,
  form: EndingForm,
): SafeHtml {
  return html`<h1>Terminate the partnership</h1>
${errorSummary(form.errors, TERMINATION_LABELS)}
<div class="card"><p>Terminating ends the partnership of <strong>${p.organisationName}</strong> (<code>${p.id}</code>) now, at its stage: ${stageName(p.stage)}.</p>
<ul><li>Every open decision is closed (its links stop working) and its workflows are stopped.</li>
<li>Its scheduled work (the review, the vetting's renewal) is cancelled.</li>
<li>The partner's contact, and the signatory once confirmed, are emailed the reason. It cannot be undone.</li></ul></div>
<form method="post" action="${form.action}" novalidate>
${textArea("reason", TERMINATION_LABELS.reason, form.values, form.errors, {
  hint: "The partner is emailed it as you write it.",
  maxLength: 2000,
  required: true,
})}
${checkbox("confirm", `I understand this ends the partnership of ${p.organisationName}, and cannot be undone`, form.values, form.errors)}
<button type="submit" class="danger">Terminate the partnership</button>
</form>
<p><a href="${form.back}">Back to the partnership, without terminating it</a></p>`;
}

/** The partnership has ended already: nothing to withdraw from or terminate. */
export function alreadyEndedPage(p: Pick<Partnership, "organisationName" | "stage">, back: string): SafeHtml {
  return html`<h1>The partnership has ended</h1><div class="card" id="already-ended"><p>The partnership of ${p.organisationName} has ended already (${stageName(p.stage)}): there is nothing more to end.</p></div>
<p><a href="${back}">Back</a></p>`;
}
