/** The officer's vetting review page: each item sent with its evidence and the automatic checks' flags. */

import { addDays, addMonths, calendarDateWords, todayIn } from "../../domain/calendar-dates.ts";
import { evidenceFlags } from "../../domain/vetting-checklist.ts";
import { type ItemState, itemsToReview } from "../../domain/vetting-state.ts";
import type { ItemEvidence } from "../../schemas/step-details.ts";
import { formatDateTime } from "../../web/dates.ts";
import { errorSummary, radios, textArea, textInput } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { CONFLICT_LABELS, conflictQuestion } from "../officer-steps.ts";
import type { FormState, StepView } from "../step.ts";
import { EVIDENCE_FIELD_LABELS, itemField, vettingOf } from "../vetting-view.ts";
import { MAX_WAIVER_DAYS } from "./schema.ts";

/** The agreement's usual term, for the check of evidence that lapses within it (the terms are set later). */
export const USUAL_TERM_MONTHS = 12;

const FLAG_WORDS = {
  expired: "Expired",
  "expires-within-term": "Expires within the agreement's usual term",
} as const;

function evidenceList(evidence: ItemEvidence | undefined, documentsAt: string): SafeHtml {
  if (!evidence) return html`<p>Nothing sent.</p>`;
  if (evidence.kind === "declaration") return html`<p>Declared by the partner.</p>`;
  const rows: [string, string | undefined][] = [
    [EVIDENCE_FIELD_LABELS.issuer, evidence.issuer],
    [EVIDENCE_FIELD_LABELS.number, evidence.number],
    [EVIDENCE_FIELD_LABELS.amount, evidence.amount],
    [EVIDENCE_FIELD_LABELS.expiry, evidence.expiresOn ? calendarDateWords(evidence.expiresOn) : undefined],
  ];
  const doc = evidence.document;
  return html`<dl>${rows
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => html`<dt>${k}</dt><dd>${v ?? ""}</dd>`)}${
    doc
      ? html`<dt>Document</dt><dd><a href="${documentsAt}/${doc.sha256}" rel="noopener">${doc.name}</a> (${Math.ceil(doc.size / 1024)} KB; SHA-256 <code>${doc.sha256.slice(0, 16)}…</code>)</dd>`
      : ""
  }</dl>`;
}

function reviewItem(
  state: ItemState,
  form: FormState,
  flags: readonly string[],
  documentsAt: string,
  waiveLabel: string,
): SafeHtml {
  const { item } = state;
  return html`<fieldset class="card item" id="item-${item.id}"><legend><strong>${item.title}</strong></legend>
<p class="hint">${item.guidance}</p>${evidenceList(state.evidence, documentsAt)}
${flags.map((f) => html`<p class="flag"><strong>Flag:</strong> ${f}</p>`)}
${radios(
  itemField(item.id, "verdict"),
  `Your verdict on ${item.title.toLowerCase()}`,
  [
    { value: "verified", label: "Verified" },
    { value: "rejected", label: "Ask for it again (give the reason)" },
    { value: "waived", label: waiveLabel },
  ],
  form.values,
  form.errors,
)}
${textInput(itemField(item.id, "reason"), "Reason (the partner sees it)", form.values, form.errors, { maxLength: 1000 })}
${textInput(itemField(item.id, "until"), "Waiver ends on", form.values, form.errors, { type: "date", hint: "YYYY-MM-DD; only for a waiver." })}
</fieldset>`;
}

/** What the page's second button does: the onboarding's review declines; a renewal's marks the partnership at risk. */
export interface ReviewEnding {
  readonly button: string;
  readonly commentHint: string;
  readonly title: string;
  /** What the waiver option says. */
  readonly waiveLabel: string;
  /** A first paragraph: where this review stands. */
  readonly intro?: (view: StepView) => string;
}

const DECLINE: ReviewEnding = {
  button: "Decline the partnership…",
  commentHint: "Optional when you record the review; required to decline. The partner sees it.",
  title: "Vetting review",
  waiveLabel: `Waive it for now: a conditional start of at most ${MAX_WAIVER_DAYS} days (reason and end date)`,
};

export function vettingReviewPage(
  view: StepView & { form: FormState },
  ending: ReviewEnding = DECLINE,
): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  const { state } = vettingOf(view);
  const today = todayIn(view.now ?? new Date(), config.TIME_ZONE);
  const toReview = itemsToReview(state);
  const flags = evidenceFlags(
    toReview.flatMap((s) =>
      s.evidence ? [{ itemId: s.item.id, kind: s.evidence.kind, expiresOn: s.evidence.expiresOn }] : [],
    ),
    today,
    addMonths(today, USUAL_TERM_MONTHS),
  );
  const flagsOf = (id: string) =>
    flags
      .filter((f) => f.itemId === id)
      .map((f) => `${FLAG_WORDS[f.flag]} (${calendarDateWords(f.expiresOn)})`);
  const settled = state.items.filter((s) => s.status === "verified" || s.status === "waived");
  const labels: Record<string, string> = {
    comment: "Comment for the partner",
    outcome: "Your decision",
    ...CONFLICT_LABELS,
  };
  for (const s of toReview) {
    labels[itemField(s.item.id, "verdict")] = `${s.item.title}: verdict`;
    labels[itemField(s.item.id, "reason")] = `${s.item.title}: reason`;
    labels[itemField(s.item.id, "until")] = `${s.item.title}: waiver end`;
  }
  const title = `${ending.title}: ${p.organisationName}`;
  return {
    title,
    body: html`<h1>${title}</h1>
${ending.intro ? html`<p>${ending.intro(view)}</p>` : ""}
<p>Please review by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>. Nothing is decided until you press a button at the end of the page. A waiver may end no later than ${calendarDateWords(addDays(today, MAX_WAIVER_DAYS))}.</p>
${errorSummary(form.errors, labels)}
${settled.length > 0 ? html`<h2>Settled earlier</h2><ul>${settled.map((s) => html`<li>${s.item.title}: ${s.status}${s.verdict?.waivedUntil ? html` until ${calendarDateWords(s.verdict.waivedUntil)}` : ""}</li>`)}</ul>` : ""}
<form method="post" action="${form.action}" novalidate id="f-outcome">
<h2>Sent for review (${toReview.length})</h2>
${toReview.map((s) => reviewItem(s, form, flagsOf(s.item.id), `${form.action}/documents`, ending.waiveLabel))}
${textArea("comment", labels.comment ?? "", form.values, form.errors, {
  hint: ending.commentHint,
  maxLength: 2000,
})}
${conflictQuestion(form)}
<div class="actions"><button type="submit" name="outcome" value="record">Record the review</button>
<button type="submit" name="outcome" value="decline" class="danger">${ending.button}</button></div>
</form>`,
  };
}
