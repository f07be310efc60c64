/**
 * The pieces every step's form is made of: an error summary whose links reach their fields, messages next to
 * the fields, and text areas that keep what was typed. The intake form has its own (shared/web/intake-form.ts).
 */
import type { FieldError } from "../schemas/validation.ts";
import { html, type SafeHtml } from "./html.ts";
import type { FormFields } from "./intake-form.ts";

export const fieldId = (name: string): string => `f-${name.replace(/\./g, "-")}`;

/** The first of a posted field's values (a field posted twice comes as a list). */
export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function fieldValue(values: FormFields, name: string): string {
  return firstValue(values[name]) ?? "";
}

/** "There is a problem" with a link to each field that failed, named by its label. */
export function errorSummary(
  errors: readonly FieldError[],
  labels: Readonly<Record<string, string>>,
): SafeHtml | "" {
  if (errors.length === 0) return "";
  return html`<div class="summary" role="alert" tabindex="-1" id="error-summary" autofocus><h2>There is a problem</h2><ul>${errors.map(
    (e) => html`<li><a href="#${fieldId(e.field)}">${labels[e.field] ?? e.field}</a>: ${e.message}</li>`,
  )}</ul></div>`;
}

/** The messages for one field, in the element its aria-describedby names. */
function messages(name: string, errors: readonly FieldError[]): SafeHtml | "" {
  const found = errors.filter((e) => e.field === name);
  return found.length === 0
    ? ""
    : html`<p class="error" id="${fieldId(name)}-error">${found.map((e) => e.message).join(" ")}</p>`;
}

export interface TextAreaOptions {
  readonly hint?: string;
  readonly maxLength?: number;
  readonly required?: boolean;
}

/** A labelled text area with its hint and messages; invalid, it is marked so and described by them. */
export function textArea(
  name: string,
  label: string,
  values: FormFields,
  errors: readonly FieldError[],
  options: TextAreaOptions = {},
): SafeHtml {
  const id = fieldId(name);
  const invalid = errors.some((e) => e.field === name);
  const described = [...(options.hint ? [`${id}-hint`] : []), ...(invalid ? [`${id}-error`] : [])];
  return html`<div class="field"><label for="${id}">${label}</label>${
    options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ""
  }${messages(name, errors)}<textarea id="${id}" name="${name}"${
    options.maxLength ? html` maxlength="${options.maxLength}"` : ""
  }${options.required ? html` required` : ""}${invalid ? html` class="invalid" aria-invalid="true"` : ""}${
    described.length > 0 ? html` aria-describedby="${described.join(" ")}"` : ""
  }>${fieldValue(values, name)}</textarea></div>`;
}

/** Hidden inputs that carry fields through a confirmation page unchanged. */
export function hiddenFields(values: FormFields, except: readonly string[] = []): SafeHtml {
  return html`${Object.entries(values).flatMap(([name, value]) =>
    except.includes(name)
      ? []
      : (Array.isArray(value) ? value : [value ?? ""]).map(
          (v) => html`<input type="hidden" name="${name}" value="${v}">`,
        ),
  )}`;
}

export interface InputOptions {
  readonly hint?: string;
  readonly type?: "text" | "email" | "date";
  readonly autocomplete?: string;
  readonly maxLength?: number;
}

/** The attributes that mark a field invalid and tie it to its hint and messages. */
function described(name: string, errors: readonly FieldError[], hint: boolean): SafeHtml {
  const id = fieldId(name);
  const invalid = errors.some((e) => e.field === name);
  const ids = [...(hint ? [`${id}-hint`] : []), ...(invalid ? [`${id}-error`] : [])];
  return html`${invalid ? html` class="invalid" aria-invalid="true"` : ""}${
    ids.length > 0 ? html` aria-describedby="${ids.join(" ")}"` : ""
  }`;
}

/** A labelled one-line input with its hint and messages. */
export function textInput(
  name: string,
  label: string,
  values: FormFields,
  errors: readonly FieldError[],
  options: InputOptions = {},
): SafeHtml {
  const id = fieldId(name);
  return html`<div class="field"><label for="${id}">${label}</label>${
    options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ""
  }${messages(name, errors)}<input id="${id}" name="${name}" type="${options.type ?? "text"}" value="${fieldValue(values, name)}"${
    options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ""
  }${options.maxLength ? html` maxlength="${options.maxLength}"` : ""}${described(name, errors, Boolean(options.hint))}></div>`;
}

/** A checkbox that posts `yes` when ticked, with its messages. */
export function checkbox(
  name: string,
  label: string,
  values: FormFields,
  errors: readonly FieldError[],
): SafeHtml {
  const id = fieldId(name);
  const checked = fieldValue(values, name) === "yes";
  return html`<div class="field">${messages(name, errors)}<label class="choice" for="${id}"><input type="checkbox" id="${id}" name="${name}" value="yes"${
    checked ? html` checked` : ""
  }${described(name, errors, false)}> ${label}</label></div>`;
}

/** A group of radio buttons in a fieldset whose legend names it. */
export function radios(
  name: string,
  legend: string,
  choices: readonly { readonly value: string; readonly label: string }[],
  values: FormFields,
  errors: readonly FieldError[],
): SafeHtml {
  const id = fieldId(name);
  const chosen = fieldValue(values, name);
  const invalid = errors.some((e) => e.field === name);
  return html`<fieldset class="field" id="${id}"${invalid ? html` aria-describedby="${id}-error"` : ""}><legend>${legend}</legend>${messages(
    name,
    errors,
  )}${choices.map(
    (c, i) =>
      html`<label class="choice" for="${id}-${i}"><input type="radio" id="${id}-${i}" name="${name}" value="${c.value}"${
        c.value === chosen ? html` checked` : ""
      }${invalid ? html` class="invalid" aria-invalid="true"` : ""}> ${c.label}</label>`,
  )}</fieldset>`;
}

/**
 * A labelled file input with its hint and messages; `accept` lists the types the browser offers to pick, and
 * `summaryLabel` names the field in a summary of problems (the upload guard's, shared/web/upload-guard.ts) as the
 * server's error summary names it.
 */
export function fileInput(
  name: string,
  label: string,
  errors: readonly FieldError[],
  options: { readonly hint?: string; readonly accept?: string; readonly summaryLabel?: string } = {},
): SafeHtml {
  const id = fieldId(name);
  return html`<div class="field"><label for="${id}">${label}</label>${
    options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ""
  }${messages(name, errors)}<input id="${id}" name="${name}" type="file"${
    options.accept ? html` accept="${options.accept}"` : ""
  }${options.summaryLabel ? html` data-label="${options.summaryLabel}"` : ""}${described(
    name,
    errors,
    Boolean(options.hint),
  )}></div>`;
}
