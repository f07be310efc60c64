/** What changed between two versions of the partner's answers, field by field, in the form's words. */
import { label } from "../schemas/vocabulary.ts";
import { html, type SafeHtml } from "./html.ts";
import { intakeToForm } from "./intake-form.ts";

/** The intake's fields as the form names them, in the form's order. */
const LABELS: Readonly<Record<string, string>> = {
  "organisation.name": "Organisation name",
  "organisation.type": "Organisation type",
  "organisation.website": "Website",
  "organisation.address.line1": "Street address",
  "organisation.address.city": "City",
  "organisation.address.region": "Province / state",
  "organisation.address.postalCode": "Postal code",
  "organisation.address.country": "Country",
  "contact.name": "Contact person: name",
  "contact.email": "Contact person: email",
  "contact.phone": "Contact person: phone",
  "signatory.name": "Proposed signatory: name",
  "signatory.title": "Proposed signatory: title",
  "signatory.email": "Proposed signatory: email",
  services: "Services",
  contributionTypes: "How they would contribute",
  audiences: "Which learners",
  "needsAssessment.needToFill": "Need to fill",
  "needsAssessment.expectedOutcome": "Expected outcome",
  "needsAssessment.soughtFromOffice": "Looking for from the office",
  "needsAssessment.offerToOffice": "Offers",
  "needsAssessment.readiness.hasCapacity": "Capacity",
  "needsAssessment.readiness.staffingHoursPerMonth": "Staff time (hours / month)",
  "needsAssessment.readiness.resources": "Resources",
  "needsAssessment.readiness.policies": "Policies",
};

export interface FieldChange {
  readonly field: string;
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/** Fields whose values are codes of the vocabularies, shown by their labels; lists compared as sets. */
const CODED = new Set([
  "organisation.type",
  "contributionTypes",
  "audiences",
  "needsAssessment.readiness.policies",
]);
const CAPACITY: Readonly<Record<string, string>> = { yes: "Yes", no: "Not yet" };

/** A field's value as the officer reads it: labels for codes, and a list in one order, whatever it came in. */
function shown(field: string, value: string | string[] | undefined): string {
  const values = Array.isArray(value) ? [...value].sort() : value === undefined ? [] : [value];
  if (field === "needsAssessment.readiness.hasCapacity")
    return values.map((v) => CAPACITY[v] ?? v).join(", ");
  return values.map((v) => (CODED.has(field) ? label(v) : v)).join(", ");
}

/** Each field whose answer differs, in the form's order (fields the form does not name come last). */
export function intakeChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChange[] {
  const a = intakeToForm(before);
  const b = intakeToForm(after);
  const names = [...Object.keys(LABELS), ...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (name, i, all) => all.indexOf(name) === i,
  );
  return names.flatMap((field) => {
    const [was, now] = [shown(field, a[field]), shown(field, b[field])];
    return was === now ? [] : [{ field, label: LABELS[field] ?? field, before: was, after: now }];
  });
}

export function changesTable(changes: readonly FieldChange[]): SafeHtml {
  if (changes.length === 0) return html`<p id="changes">No answer changed.</p>`;
  return html`<table id="changes"><thead><tr><th>Field</th><th>Before</th><th>Now</th></tr></thead><tbody>${changes.map(
    (c) => html`<tr><th>${c.label}</th><td>${c.before || "—"}</td><td>${c.after || "—"}</td></tr>`,
  )}</tbody></table>`;
}
