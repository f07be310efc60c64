/**
 * The officer's terms of the agreement, as posted: the variable parts of the template (agreement-terms.ts),
 * with a start date that has not passed; or the partnership declined.
 */

import { DEFAULT_AGREEMENT_TEMPLATE } from "../../config/agreement-template.ts";
import { agreementState } from "../../domain/agreement-state.ts";
import { addDays, isPastDate, todayIn } from "../../domain/calendar-dates.ts";
import type { Json } from "../../domain/canonical-json.ts";
import { agreementTermsSchema } from "../../schemas/agreement-terms.ts";
import { fieldErrors } from "../../schemas/validation.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import { declineOr, markAmendmentDecline } from "../officer-steps.ts";
import type { ParsedAnswer, StepView } from "../step.ts";

export const TERMS_OUTCOMES = ["issue", "decline"] as const;
export type TermsOutcome = (typeof TERMS_OUTCOMES)[number];

export const TEXT_FIELDS = [
  "divisionOfServices.office",
  "divisionOfServices.partner",
  "expectedOutcomes",
  "financialResponsibility",
  "referralProtocol",
  "communicationProtocol",
] as const;
export const NUMBER_FIELDS = ["termMonths", "reviewCadenceMonths", "terminationNoticeDays"] as const;

export const LABELS: Record<string, string> = {
  "divisionOfServices.office": "What the office does",
  "divisionOfServices.partner": "What the partner does",
  expectedOutcomes: "Expected outcomes",
  financialResponsibility: "Financial responsibility",
  startDate: "Start date",
  termMonths: "Term, in months",
  reviewCadenceMonths: "Review every, in months",
  referralProtocol: "Referral protocol",
  communicationProtocol: "Communication protocol",
  terminationNoticeDays: "Notice of termination, in days",
  comment: "Comment",
  outcome: "Your decision",
};

/** A posted whole number as a number; anything else as it was typed, for the schema to refuse by name. */
function wholeNumber(text: string | undefined): number | string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The terms as the form posts them, in the schema's shape. */
export function termsFromForm(fields: FormFields): Record<string, unknown> {
  const value = (name: string) => firstValue(fields[name]);
  return {
    divisionOfServices: {
      office: value("divisionOfServices.office"),
      partner: value("divisionOfServices.partner"),
    },
    expectedOutcomes: value("expectedOutcomes"),
    financialResponsibility: value("financialResponsibility"),
    startDate: value("startDate"),
    termMonths: wholeNumber(value("termMonths")),
    reviewCadenceMonths: wholeNumber(value("reviewCadenceMonths")),
    referralProtocol: value("referralProtocol"),
    communicationProtocol: value("communicationProtocol"),
    terminationNoticeDays: wholeNumber(value("terminationNoticeDays")),
  };
}

/** The form as the terms fill it. */
export function formFromTerms(terms: Readonly<Record<string, unknown>>): FormFields {
  const division = (terms.divisionOfServices ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    "divisionOfServices.office": text(division.office),
    "divisionOfServices.partner": text(division.partner),
    expectedOutcomes: text(terms.expectedOutcomes),
    financialResponsibility: text(terms.financialResponsibility),
    startDate: text(terms.startDate),
    termMonths: text(terms.termMonths),
    reviewCadenceMonths: text(terms.reviewCadenceMonths),
    referralProtocol: text(terms.referralProtocol),
    communicationProtocol: text(terms.communicationProtocol),
    terminationNoticeDays: text(terms.terminationNoticeDays),
  };
}

/** The first draft of the terms: the last ones set (an amendment starts from them), or the intake's answers. */
export function initialTerms(view: Pick<StepView, "partnership" | "events" | "config" | "now">): FormFields {
  const latest = agreementState(view.events).latestTerms;
  if (latest) return formFromTerms(latest.terms);
  const { needsAssessment } = view.partnership.intake;
  const today = todayIn(view.now ?? new Date(), view.config.TIME_ZONE);
  return formFromTerms({
    divisionOfServices: { office: needsAssessment.soughtFromOffice, partner: needsAssessment.offerToOffice },
    expectedOutcomes: needsAssessment.expectedOutcome,
    financialResponsibility:
      "Each party bears the costs of the activities it carries out under this agreement. No money changes hands unless both parties agree in writing.",
    startDate: addDays(today, 14),
    termMonths: 12,
    reviewCadenceMonths: 12,
    referralProtocol:
      "Students are referred through their school's guidance office; the partner does not contact students directly.",
    communicationProtocol:
      "Each party names one contact person. The contacts meet at least once a term, and either may call a meeting on five school days' notice.",
    terminationNoticeDays: 30,
  });
}

export function parseAgreementTerms(fields: FormFields, view: StepView): ParsedAnswer<TermsOutcome> {
  const read = declineOr(fields, "issue");
  if ("ok" in read) return markAmendmentDecline(read, view);
  const { comment } = read;
  const parsed = agreementTermsSchema.safeParse(termsFromForm(fields));
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, "outcome") };
  if (isPastDate(parsed.data.startDate, view.now ?? new Date(), view.config.TIME_ZONE))
    return {
      ok: false,
      errors: [{ field: "startDate", message: "The start date has passed: choose today or a later day" }],
    };
  // The template version the partnership started with stays its own through amendments.
  const templateVersion =
    agreementState(view.events).latestTerms?.templateVersion ?? DEFAULT_AGREEMENT_TEMPLATE.version;
  return {
    ok: true,
    answer: {
      outcome: "issue",
      comment: comment.slice(0, 2000),
      details: { templateVersion, terms: parsed.data as unknown as Json },
    },
  };
}
