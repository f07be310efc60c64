/** The partner's vetting checklist page: the items asked for, each a declaration or evidence details. */

import { calendarDateWords, expiryWords, todayIn } from "../../domain/calendar-dates.ts";
import { limitWords, MAX_DOCUMENT_BYTES } from "../../domain/document-limits.ts";
import type { ChecklistItem } from "../../domain/vetting-checklist.ts";
import type { ItemState } from "../../domain/vetting-state.ts";
import { formatDateTime } from "../../web/dates.ts";
import { checkbox, errorSummary, fileInput, radios, textInput } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import {
  postTooLargeWords,
  uploadGuardAttributes,
  uploadGuardScript,
  uploadProblems,
} from "../../web/upload-guard.ts";
import type { FormState, StepView } from "../step.ts";
import { EVIDENCE_FIELD_LABELS, itemField, vettingOf } from "../vetting-view.ts";
import {
  ACTION_FIELD,
  documentField,
  draftDocument,
  fieldLabels,
  requestedItems,
  takesDocument,
} from "./schema.ts";

const STATUS_WORDS: Record<ItemState["status"], string> = {
  requested: "Asked for",
  submitted: "Sent, waiting for the officer",
  verified: "Verified",
  rejected: "Asked for again",
  waived: "Waived for now",
};

/** The types a document may be, for the file picker (the upload is checked by its content all the same). */
const ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg";

/** An item's optional document: the one a saved draft keeps, if any, and the input to add or replace it. */
function documentInput(item: ChecklistItem, view: StepView, form: FormState): SafeHtml {
  const field = documentField(item.id);
  const kept = draftDocument(view.decision.draft, field);
  const hint = kept
    ? `Saved: ${kept.name} (${Math.ceil(kept.size / 1024)} KB). Choose another file only to replace it.`
    : `Optional: a PDF, PNG or JPEG of at most ${limitWords(MAX_DOCUMENT_BYTES)}, such as the certificate or policy.`;
  return fileInput(field, "Document", form.errors, {
    hint,
    accept: ACCEPT,
    summaryLabel: fieldLabels([item])[field] ?? field,
  });
}

function evidenceFields(item: ChecklistItem, view: StepView, form: FormState): SafeHtml {
  return html`${item.evidenceFields.map((part) =>
    textInput(itemField(item.id, part), EVIDENCE_FIELD_LABELS[part], form.values, form.errors, {
      ...(part === "expiry"
        ? { type: "date" as const, hint: "The last day it is valid, as YYYY-MM-DD." }
        : {}),
      maxLength: 200,
    }),
  )}${takesDocument(item) ? documentInput(item, view, form) : ""}`;
}

function itemFields(
  item: ChecklistItem,
  state: ItemState | undefined,
  view: StepView,
  form: FormState,
): SafeHtml {
  const declaration = checkbox(
    itemField(item.id, "declared"),
    `I declare this on behalf of the organisation: ${item.guidance}`,
    form.values,
    form.errors,
  );
  const again =
    state?.status === "rejected"
      ? html`<p class="notice">The officer asked for this again: “${state.verdict?.reason ?? ""}”</p>`
      : state?.status === "waived"
        ? html`<p class="notice">The office waived this until ${calendarDateWords(state.verdict?.waivedUntil ?? "")}; please give it now.</p>`
        : state?.status === "verified" && state.evidence?.expiresOn
          ? html`<p class="notice">Your evidence for this ${expiryWords(state.evidence.expiresOn, todayIn(view.now ?? new Date(), view.config.TIME_ZONE))}; please give the renewed evidence now.</p>`
          : "";
  const body =
    item.answer === "declaration"
      ? declaration
      : item.answer === "evidence"
        ? evidenceFields(item, view, form)
        : html`${radios(
            itemField(item.id, "kind"),
            "How do you answer?",
            [
              { value: "declaration", label: "With a declaration" },
              { value: "evidence", label: "With evidence details" },
            ],
            form.values,
            form.errors,
          )}${declaration}<p class="hint">Or, for evidence:</p>${evidenceFields(item, view, form)}`;
  return html`<fieldset class="card item" id="item-${item.id}"><legend><strong>${item.title}</strong></legend>
<p>${item.guidance}</p>${again}${body}</fieldset>`;
}

export function vettingEvidencePage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  const { state } = vettingOf(view);
  const asked = requestedItems(view);
  const askedIds = new Set(asked.map((i) => i.id));
  const others = state.items.filter((s) => !askedIds.has(s.item.id));
  const title = `Vetting checklist: ${p.organisationName}`;
  return {
    title,
    body: html`<h1>${title}</h1>
<p>Please complete the checklist by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>. You can save what you have and come back with the same link; nothing is sent until you press “Send for review”.</p>
<p class="hint">Documents are optional. Each may be at most ${limitWords(MAX_DOCUMENT_BYTES)}. ${postTooLargeWords()} With several large files, add some and press “Save and come back later”, then the next.</p>
${d.draftSavedAt ? html`<p class="hint">Last saved ${formatDateTime(d.draftSavedAt, config.TIME_ZONE)}.</p>` : ""}
${errorSummary(form.errors, fieldLabels(asked))}
${uploadProblems()}
${
  form.errors.length > 0
    ? html`<p class="notice" id="files-not-kept">Any file you chose for this send was not kept, because of what is listed above: choose it again (files saved earlier are kept, as each item says).</p>`
    : ""
}
${
  others.length > 0
    ? html`<h2>Already done</h2><table><thead><tr><th scope="col">Item</th><th scope="col">Status</th></tr></thead><tbody>${others.map(
        (s) => html`<tr><td>${s.item.title}</td><td>${STATUS_WORDS[s.status]}</td></tr>`,
      )}</tbody></table>`
    : ""
}
<h2>Asked for now (${asked.length})</h2>
<form method="post" action="${form.action}" enctype="multipart/form-data" novalidate id="f-${ACTION_FIELD}"${uploadGuardAttributes()}>
${asked.map((item) =>
  itemFields(
    item,
    state.items.find((s) => s.item.id === item.id),
    view,
    form,
  ),
)}
<div class="actions"><button type="submit" name="${ACTION_FIELD}" value="send">Send for review</button>
<button type="submit" name="${ACTION_FIELD}" value="save" class="secondary" data-save>Save and come back later</button></div>
</form>
${uploadGuardScript()}`,
  };
}
