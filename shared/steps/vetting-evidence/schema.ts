/**
 * The partner's vetting checklist, as posted: "save" keeps what is given so far to come back to; "send" needs
 * an answer for every item asked for (a declaration ticked, or each evidence detail, with an expiry date that
 * has not passed). An item that takes evidence may come with a document (`<item>.document`, optional): one
 * uploaded with this POST (inspected already, in the view's `uploads`), or else the one a saved draft keeps.
 */

import { addDays, isCalendarDate, todayIn } from "../../domain/calendar-dates.ts";
import type { Json } from "../../domain/canonical-json.ts";
import { vettingPassed } from "../../domain/evidence-expiry.ts";
import type { ChecklistItem } from "../../domain/vetting-checklist.ts";
import { itemsToRequest } from "../../domain/vetting-state.ts";
import { textLine } from "../../schemas/free-text.ts";
import {
  type ItemEvidence,
  type StoredDocumentDetails,
  storedDocumentSchema,
} from "../../schemas/step-details.ts";
import type { FieldError } from "../../schemas/validation.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import type { ParsedAnswer, StepView } from "../step.ts";
import { EVIDENCE_FIELD_LABELS, itemField, vettingOf } from "../vetting-view.ts";

export const ACTION_FIELD = "action";
const MAX_DETAIL = 200;
/** An evidence detail: one line of plain text (no controls, no invisible or direction marks). */
const detail = textLine(1, MAX_DETAIL);

/**
 * The items this round asks for, in the checklist's order. Once the vetting has passed (a vetting renewal's
 * round), verified evidence that expires within the notice window is asked for again too.
 */
export function requestedItems(
  view: Pick<StepView, "partnership" | "events" | "config" | "now">,
): ChecklistItem[] {
  const { state } = vettingOf(view);
  const today = todayIn(view.now ?? new Date(), view.config.TIME_ZONE);
  return itemsToRequest(state, today, renewalWindowEnd(view, today)).map((s) => s.item);
}

/**
 * The last day of the notice window (today and EVIDENCE_RENEWAL_NOTICE_DAYS) once the vetting has passed:
 * evidence expiring by then is asked for again. Undefined during the onboarding's own vetting.
 */
export function renewalWindowEnd(
  view: Pick<StepView, "events" | "config">,
  today: string,
): string | undefined {
  return vettingPassed(view.events) ? addDays(today, view.config.EVIDENCE_RENEWAL_NOTICE_DAYS) : undefined;
}

/** The kind of answer chosen for an item: fixed by the item, or the partner's choice where either will do. */
export function kindOf(item: ChecklistItem, fields: FormFields): string | undefined {
  return item.answer === "either" ? firstValue(fields[itemField(item.id, "kind")]) : item.answer;
}

/** Whether an item may come with a document: one answered with evidence details, or either way. */
export function takesDocument(item: ChecklistItem): boolean {
  return item.answer !== "declaration";
}

/** An item's file input: `<item id>.document`. */
export const documentField = (itemId: string): string => itemField(itemId, "document");

/** The file inputs of this round's page: one for each item asked for that may come with a document. */
export function uploadFields(view: StepView): string[] {
  return requestedItems(view)
    .filter(takesDocument)
    .map((item) => documentField(item.id));
}

/** The document a saved draft keeps for a file input (stored already); undefined when none, or malformed. */
export function draftDocument(
  draft: Readonly<Record<string, Json>> | undefined,
  field: string,
): StoredDocumentDetails | undefined {
  const parsed = storedDocumentSchema.safeParse(draft?.[field]);
  return parsed.success ? parsed.data : undefined;
}

/** The item's document: the one uploaded with this POST, which replaces the one the draft kept. */
function documentOf(item: ChecklistItem, view: StepView): StoredDocumentDetails | undefined {
  if (!takesDocument(item)) return undefined;
  const field = documentField(item.id);
  return view.uploads?.[field] ?? draftDocument(view.decision.draft, field);
}

/** The posted fields that belong to the requested items, as they are saved in a draft, with their documents. */
function draftOf(items: readonly ChecklistItem[], fields: FormFields, view: StepView): Record<string, Json> {
  const draft: Record<string, Json> = {};
  for (const item of items) {
    for (const part of ["kind", "declared", "issuer", "number", "amount", "expiry"]) {
      const value = firstValue(fields[itemField(item.id, part)])?.trim().slice(0, MAX_DETAIL);
      if (value) draft[itemField(item.id, part)] = value;
    }
    const document = documentOf(item, view);
    if (document) draft[documentField(item.id)] = { ...document };
  }
  return draft;
}

function evidenceOf(
  item: ChecklistItem,
  fields: FormFields,
  view: StepView,
  today: string,
  errors: FieldError[],
): ItemEvidence | undefined {
  const kind = kindOf(item, fields);
  if (kind !== "declaration" && kind !== "evidence") {
    errors.push({ field: itemField(item.id, "kind"), message: "Required: choose a declaration or evidence" });
    return undefined;
  }
  if (kind === "declaration") {
    if (firstValue(fields[itemField(item.id, "declared")]) !== "yes")
      errors.push({
        field: itemField(item.id, "declared"),
        message: "Required: tick the box to make the declaration",
      });
    return { itemId: item.id, kind };
  }
  const given: { -readonly [K in keyof ItemEvidence]?: ItemEvidence[K] } = { itemId: item.id, kind };
  for (const part of item.evidenceFields) {
    const field = itemField(item.id, part);
    const value = firstValue(fields[field])?.trim() ?? "";
    if (!value) {
      errors.push({ field, message: "Required" });
    } else if (part === "expiry") {
      if (!isCalendarDate(value))
        errors.push({ field, message: "Enter a date as YYYY-MM-DD, for example 2027-06-30" });
      else if (value <= today)
        errors.push({ field, message: "This has expired: give evidence that is still valid" });
      else given.expiresOn = value;
    } else {
      const checked = detail.safeParse(value);
      if (checked.success) given[part] = checked.data;
      else
        errors.push({ field, message: checked.error.issues[0]?.message ?? "Enter plain text on one line" });
    }
  }
  const document = documentOf(item, view);
  if (document) given.document = document;
  return given as ItemEvidence;
}

export function parseVettingEvidence(fields: FormFields, view: StepView): ParsedAnswer<"submitted"> {
  const items = requestedItems(view);
  const action = firstValue(fields[ACTION_FIELD]);
  if (action === "save") return { ok: "draft", draft: draftOf(items, fields, view) };
  if (action !== "send")
    return {
      ok: false,
      errors: [{ field: ACTION_FIELD, message: "Choose one of the buttons: save, or send" }],
    };
  const today = todayIn(view.now ?? new Date(), view.config.TIME_ZONE);
  const errors: FieldError[] = [];
  const given = items.flatMap((item) => evidenceOf(item, fields, view, today, errors) ?? []);
  if (errors.length > 0) return { ok: false, errors };
  const { checklist } = vettingOf(view);
  return {
    ok: true,
    answer: {
      outcome: "submitted",
      comment: "",
      details: { checklistVersion: checklist.version, items: given as unknown as Json[] },
    },
  };
}

/** The labels of the fields, for the error summary. */
export function fieldLabels(items: readonly ChecklistItem[]): Record<string, string> {
  const labels: Record<string, string> = { [ACTION_FIELD]: "Save or send" };
  for (const item of items) {
    labels[itemField(item.id, "kind")] = `${item.title}: declaration or evidence`;
    labels[itemField(item.id, "declared")] = `${item.title}: declaration`;
    for (const part of item.evidenceFields)
      labels[itemField(item.id, part)] = `${item.title}: ${EVIDENCE_FIELD_LABELS[part].toLowerCase()}`;
    if (takesDocument(item)) labels[documentField(item.id)] = `${item.title}: document`;
  }
  return labels;
}
