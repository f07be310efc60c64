/**
 * The partnership agreement as text: a versioned template (shared/config/agreement-template.ts) with its
 * placeholders filled from the parties, the partnership type and the terms the officer set. The one text that
 * both the HTML view (shared/web/agreement-view.ts) and the PDF (shared/documents/agreement-pdf.ts) are made
 * from, so that what a signatory reads on the page is what the hashed PDF says.
 */
import { AGREEMENT_TEMPLATES } from "../config/agreement-template.ts";
import type { AgreementTerms } from "../schemas/agreement-terms.ts";
import { addMonths, calendarDateWords, termEndDate, todayIn } from "./calendar-dates.ts";
import { DomainError } from "./errors.ts";

export interface AgreementSection {
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

/** A template: headings and clauses with `{{placeholders}}` (AGREEMENT_PLACEHOLDERS), pinned by its version. */
export interface AgreementTemplate {
  readonly version: string;
  readonly title: string;
  readonly sections: readonly AgreementSection[];
}

export interface AgreementInput {
  /** The template's version, pinned by the partnership when its agreement is first drafted. */
  readonly templateVersion: string;
  /** The agreement's version n: 1, then one more for each amendment. */
  readonly version: number;
  readonly partnershipId: string;
  readonly office: { readonly name: string };
  readonly partner: {
    readonly organisationName: string;
    /** Its label, e.g. "Community agency" (label() of the intake's organisation type). */
    readonly organisationType: string;
    readonly signatoryName: string;
    readonly signatoryTitle: string;
  };
  /** Its label, e.g. "Cross-sector collaboration" (label() of the assessment's proposed type, or the officer's). */
  readonly partnershipType: string;
  readonly terms: AgreementTerms;
  /** When this version was issued (ISO 8601): its date is the day in `timeZone`. */
  readonly issuedAt: string;
  /** The office's IANA time zone, in which the issue date is read. */
  readonly timeZone: string;
}

export interface AgreementDocument {
  readonly title: string;
  readonly sections: readonly AgreementSection[];
}

/** A template names a placeholder that has no value, or a version that is not in the configuration. */
export class AgreementTemplateError extends DomainError {
  override readonly name = "AgreementTemplateError";
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Every placeholder a template may use, and its value for an input. */
const PLACEHOLDERS = {
  "office.name": (i) => i.office.name,
  "partner.organisationName": (i) => i.partner.organisationName,
  "partner.organisationType": (i) => i.partner.organisationType,
  "partner.signatoryName": (i) => i.partner.signatoryName,
  "partner.signatoryTitle": (i) => i.partner.signatoryTitle,
  partnershipType: (i) => i.partnershipType,
  partnershipId: (i) => i.partnershipId,
  agreementVersion: (i) => String(i.version),
  templateVersion: (i) => i.templateVersion,
  issuedDate: (i) => calendarDateWords(todayIn(new Date(i.issuedAt), i.timeZone)),
  "terms.divisionOfServices.office": (i) => i.terms.divisionOfServices.office,
  "terms.divisionOfServices.partner": (i) => i.terms.divisionOfServices.partner,
  "terms.expectedOutcomes": (i) => i.terms.expectedOutcomes,
  "terms.financialResponsibility": (i) => i.terms.financialResponsibility,
  "terms.startDate": (i) => calendarDateWords(i.terms.startDate),
  "terms.endDate": (i) => calendarDateWords(termEndDate(i.terms.startDate, i.terms.termMonths)),
  "terms.term": (i) => plural(i.terms.termMonths, "month", "months"),
  "terms.reviewCadence": (i) =>
    i.terms.reviewCadenceMonths === 1 ? "month" : `${i.terms.reviewCadenceMonths} months`,
  "terms.firstReviewDate": (i) =>
    calendarDateWords(addMonths(i.terms.startDate, i.terms.reviewCadenceMonths)),
  "terms.referralProtocol": (i) => i.terms.referralProtocol,
  "terms.communicationProtocol": (i) => i.terms.communicationProtocol,
  "terms.terminationNotice": (i) =>
    i.terms.terminationNoticeDays === 0
      ? "written notice, effective on the day the other party receives it"
      : `${plural(i.terms.terminationNoticeDays, "day's", "days'")} written notice`,
} satisfies Record<string, (input: AgreementInput) => string>;

export type AgreementPlaceholder = keyof typeof PLACEHOLDERS;
export const AGREEMENT_PLACEHOLDERS = Object.keys(PLACEHOLDERS) as AgreementPlaceholder[];

const PLACEHOLDER = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

function isPlaceholder(name: string): name is AgreementPlaceholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** The placeholders a text names that have no value: none, in a sound template. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "").filter((name) => !isPlaceholder(name));
}

/**
 * One pass over the text, so that a value that itself looks like a placeholder (a partner named "{{office.name}}")
 * is printed as typed, never filled in.
 */
function fill(text: string, input: AgreementInput, version: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    if (!isPlaceholder(name))
      throw new AgreementTemplateError(
        `Agreement template ${version} names an unknown placeholder {{${name}}}`,
      );
    return PLACEHOLDERS[name](input);
  });
}

/** A clause's text as paragraphs: a value with blank lines in it (the officer's terms) makes several. */
function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/[ \t]+\n/g, "\n").trim())
    .filter((p) => p !== "");
}

/** The template of this version among `templates` (by default, those in the configuration). */
export function agreementTemplate(
  version: string,
  templates: readonly AgreementTemplate[] = AGREEMENT_TEMPLATES,
): AgreementTemplate {
  const template = templates.find((t) => t.version === version);
  if (!template) throw new AgreementTemplateError(`No agreement template has version ${version}`);
  return template;
}

/** The agreement's text: the pinned template, filled in. Pure: the same input gives the same document. */
export function renderAgreement(
  input: AgreementInput,
  templates: readonly AgreementTemplate[] = AGREEMENT_TEMPLATES,
): AgreementDocument {
  const template = agreementTemplate(input.templateVersion, templates);
  return {
    title: fill(template.title, input, template.version),
    sections: template.sections.map((section) => ({
      heading: fill(section.heading, input, template.version),
      paragraphs: section.paragraphs.flatMap((p) => paragraphsOf(fill(p, input, template.version))),
    })),
  };
}
