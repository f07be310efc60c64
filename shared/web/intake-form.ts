/** The intake form: rendered from the vocabularies, parsed back into the shape of the intake schema. */
import type { FieldError } from "../schemas/validation.ts";
import {
  AUDIENCES,
  CONTRIBUTION_TYPES,
  label,
  ORGANISATION_TYPES,
  PARTNER_POLICIES,
} from "../schemas/vocabulary.ts";
import { html, type SafeHtml } from "./html.ts";

export type FormFields = Record<string, string | string[] | undefined>;

export interface IntakeFormView {
  action: string;
  title: string;
  intro: string;
  submitLabel: string;
  /** Hidden field that makes a double-submitted form create one partnership. */
  idempotencyKey?: string | undefined;
  values: FormFields;
  errors: FieldError[];
  /** Fields of the page's own, before the intake's (a resubmission's answer to the officer), with their labels. */
  extra?: { fields: SafeHtml; labels: Readonly<Record<string, string>> } | undefined;
}

/** The field name of an error about the form as a whole rather than one of its fields. */
export const FORM_WIDE = "(form)";

const LIST_FIELDS = ["contributionTypes", "audiences", "needsAssessment.readiness.policies"] as const;

function first(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next === "object" && next !== null) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] as string] = value;
}

const TEXT_FIELDS = [
  "organisation.name",
  "organisation.type",
  "organisation.website",
  "organisation.address.line1",
  "organisation.address.city",
  "organisation.address.region",
  "organisation.address.postalCode",
  "organisation.address.country",
  "contact.name",
  "contact.email",
  "contact.phone",
  "signatory.name",
  "signatory.title",
  "signatory.email",
  "needsAssessment.needToFill",
  "needsAssessment.expectedOutcome",
  "needsAssessment.soughtFromOffice",
  "needsAssessment.offerToOffice",
  "needsAssessment.readiness.resources",
] as const;

/** Turns posted form fields into an object for intakeSchema; the schema decides what is valid. */
export function formToIntake(fields: FormFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of TEXT_FIELDS) {
    const value = first(fields[name]).trim();
    // An empty optional field is absent, not an empty string.
    if (value !== "") setPath(out, name, value);
    else if (!/website|region|postalCode|phone/.test(name)) setPath(out, name, "");
  }
  for (const name of LIST_FIELDS) setPath(out, name, list(fields[name]));
  setPath(
    out,
    "services",
    first(fields.services)
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const capacity = first(fields["needsAssessment.readiness.hasCapacity"]);
  setPath(
    out,
    "needsAssessment.readiness.hasCapacity",
    capacity === "yes" ? true : capacity === "no" ? false : capacity,
  );
  // Any number becomes one, whole or not, so that "2.5" and "-3" get the schema's messages about hours;
  // what is not a number stays text, which the schema answers with the same "whole number" message.
  const hours = first(fields["needsAssessment.readiness.staffingHoursPerMonth"]).trim();
  setPath(
    out,
    "needsAssessment.readiness.staffingHoursPerMonth",
    /^[+-]?\d+(\.\d+)?$/.test(hours) ? Number(hours) : hours === "" ? undefined : hours,
  );
  return out;
}

/** The inverse of formToIntake, to prefill the form from a stored intake. */
export function intakeToForm(intake: Record<string, unknown>): FormFields {
  const fields: FormFields = {};
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) fields[path] = value.map(String);
    else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else if (typeof value === "boolean") fields[path] = value ? "yes" : "no";
    else if (value !== undefined && value !== null) fields[path] = String(value);
  };
  walk(intake, "");
  fields.services = list(fields.services).join("\n");
  return fields;
}

export function renderIntakeForm(view: IntakeFormView): SafeHtml {
  const errorFor = (name: string) =>
    view.errors.filter((e) => e.field === name || e.field.startsWith(`${name}.`));
  const value = (name: string) => first(view.values[name]);
  const fieldId = (name: string) => `f-${name.replace(/\./g, "-")}`;
  // What each field is called on the page, as it is rendered: the error summary names fields by it.
  const labels = new Map<string, string>(Object.entries(view.extra?.labels ?? {}));
  // A field is described by its hint, if it has one, and its messages, if it has any.
  const describedBy = (name: string, hint: boolean) => {
    const ids = [
      ...(hint ? [`${fieldId(name)}-hint`] : []),
      ...(errorFor(name).length > 0 ? [`${fieldId(name)}-error`] : []),
    ];
    return ids.length > 0 ? html` aria-describedby="${ids.join(" ")}"` : "";
  };
  const invalidAttributes = (name: string, hint = false) =>
    html`${errorFor(name).length > 0 ? html` class="invalid" aria-invalid="true"` : ""}${describedBy(name, hint)}`;
  const hintFor = (name: string, hint: string | undefined) =>
    hint ? html`<p class="hint" id="${fieldId(name)}-hint">${hint}</p>` : "";

  // One element per field (aria-describedby points at its id), holding every message for the field.
  const messages = (name: string) => {
    const found = errorFor(name);
    return found.length === 0
      ? ""
      : html`<p class="error" id="${fieldId(name)}-error">${found.map((e) => e.message).join(" ")}</p>`;
  };

  const input = (
    name: string,
    text: string,
    type = "text",
    opts: { hint?: string; required?: boolean; attributes?: SafeHtml } = {},
  ) => {
    labels.set(name, text);
    return html`<label for="${fieldId(name)}">${text}${opts.required === false ? " (optional)" : ""}</label>
${hintFor(name, opts.hint)}${messages(name)}
<input type="${type}" id="${fieldId(name)}" name="${name}" value="${value(name)}"${opts.attributes ?? ""}${invalidAttributes(name, !!opts.hint)}${opts.required === false ? "" : html` required`}>`;
  };

  const textarea = (name: string, text: string, hint?: string) => {
    labels.set(name, text);
    return html`<label for="${fieldId(name)}">${text}</label>${hintFor(name, hint)}${messages(name)}
<textarea id="${fieldId(name)}" name="${name}" required${invalidAttributes(name, !!hint)}>${value(name)}</textarea>`;
  };

  // A group of choices is one fieldset, the summary's link target, named by its legend.
  const checkboxes = (name: string, options: readonly string[], legend: string) => {
    labels.set(name, legend);
    const chosen = new Set(list(view.values[name]));
    return html`<fieldset id="${fieldId(name)}"${describedBy(name, false)}><legend>${legend}</legend>${messages(name)}
${options.map(
  (o) =>
    html`<label class="choice"><input type="checkbox" name="${name}" value="${o}"${chosen.has(o) ? html` checked` : ""}> ${label(o)}</label>`,
)}</fieldset>`;
  };

  const orgType = value("organisation.type");
  const capacity = value("needsAssessment.readiness.hasCapacity");
  labels.set("organisation.type", "Organisation type");
  labels.set(
    "needsAssessment.readiness.hasCapacity",
    "Do you have the capacity to take on this partnership?",
  );

  const form = html`<form method="post" action="${view.action}" novalidate>
${view.idempotencyKey ? html`<input type="hidden" name="idempotencyKey" value="${view.idempotencyKey}">` : ""}
${view.extra?.fields ?? ""}
<fieldset><legend>Your organisation</legend>
${input("organisation.name", "Organisation name")}
<label for="f-organisation-type">Organisation type</label>${messages("organisation.type")}
<select id="f-organisation-type" name="organisation.type" required${invalidAttributes("organisation.type")}><option value="">Choose…</option>${ORGANISATION_TYPES.map(
    (t) => html`<option value="${t}"${orgType === t ? html` selected` : ""}>${label(t)}</option>`,
  )}</select>
${input("organisation.website", "Website", "url", { required: false, hint: "For example: example.org" })}
${input("organisation.address.line1", "Street address")}
${input("organisation.address.city", "City")}
${input("organisation.address.region", "Province / state", "text", { required: false })}
${input("organisation.address.postalCode", "Postal code", "text", { required: false })}
${input("organisation.address.country", "Country")}
</fieldset>
<fieldset><legend>Contact person</legend>
${input("contact.name", "Name")}${input("contact.email", "Email", "email")}${input("contact.phone", "Phone", "tel", { required: false })}
</fieldset>
<fieldset><legend>Proposed signatory</legend><p class="hint">The person with the authority to commit your organisation to a partnership.</p>
${input("signatory.name", "Name")}${input("signatory.title", "Title / role")}${input("signatory.email", "Email", "email")}
</fieldset>
<fieldset><legend>What you offer</legend>
${textarea("services", "Services you would provide (one per line)", "For example: career talks on the skilled trades")}
</fieldset>
${checkboxes("contributionTypes", CONTRIBUTION_TYPES, "How you would contribute")}
${checkboxes("audiences", AUDIENCES, "Which learners you would serve")}
<fieldset><legend>Needs assessment</legend>
${textarea("needsAssessment.needToFill", "What need do you want to fill?")}
${textarea("needsAssessment.expectedOutcome", "What outcome do you expect?")}
${textarea("needsAssessment.soughtFromOffice", "What are you looking for from us?")}
${textarea("needsAssessment.offerToOffice", "What can you offer to us and to learners?")}
</fieldset>
<fieldset><legend>Are you ready to partner?</legend>
<fieldset id="f-needsAssessment-readiness-hasCapacity"${describedBy("needsAssessment.readiness.hasCapacity", false)}><legend>Do you have the capacity to take on this partnership?</legend>${messages("needsAssessment.readiness.hasCapacity")}
<label class="choice"><input type="radio" name="needsAssessment.readiness.hasCapacity" value="yes"${capacity === "yes" ? html` checked` : ""}> Yes</label>
<label class="choice"><input type="radio" name="needsAssessment.readiness.hasCapacity" value="no"${capacity === "no" ? html` checked` : ""}> Not yet</label>
</fieldset>
${input(
  "needsAssessment.readiness.staffingHoursPerMonth",
  "Staff time you can give (hours per month)",
  "number",
  {
    hint: "Whole hours, for example 8",
    attributes: html` min="0" max="744" step="1" inputmode="numeric"`,
  },
)}
${textarea("needsAssessment.readiness.resources", "Resources and support systems you have (staffing, budget, procedures)")}
</fieldset>
${checkboxes("needsAssessment.readiness.policies", PARTNER_POLICIES, "Policies your organisation has in place")}
<button type="submit">${view.submitLabel}</button>
</form>`;

  // "services.2" is the third line of the services box; a person's name says whose.
  const whose: Record<string, string> = { contact: "Contact person", signatory: "Proposed signatory" };
  const named = (field: string) => {
    const item = /^(.*)\.(\d+)$/.exec(field);
    const base = item?.[1] ?? field;
    const person = whose[base.split(".")[0] ?? ""];
    const text = `${person ? `${person}: ` : ""}${labels.get(base) ?? base}`;
    return item ? `${text} (line ${Number(item[2]) + 1})` : text;
  };
  // A message about the form as a whole goes first, without a field to point to.
  const formWide = view.errors.filter((e) => e.field === FORM_WIDE);
  const fields = view.errors.filter((e) => e.field !== FORM_WIDE);
  const heading =
    fields.length > 0
      ? `Please correct ${fields.length} ${fields.length === 1 ? "field" : "fields"}`
      : "Please check the form";
  const summary =
    view.errors.length > 0
      ? html`<div class="summary" role="alert" tabindex="-1" id="error-summary" autofocus><h2>${heading}</h2><ul>${formWide.map((e) => html`<li>${e.message}</li>`)}${fields.map(
          (e) =>
            html`<li><a href="#${fieldId(e.field.replace(/\.\d+$/, ""))}">${named(e.field)}</a>: ${e.message}</li>`,
        )}</ul></div>`
      : "";

  return html`<h1>${view.title}</h1><p>${view.intro}</p>${summary}
${form}`;
}
