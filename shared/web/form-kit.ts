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
