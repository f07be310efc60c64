/**
 * The variable parts of a partnership agreement that the officer fills in before it goes out (the office's
 * "agreed-upon division of services, outcomes, and financial responsibility", its term, review cadence and
 * protocols): the one schema behind the officer's page, the stored terms and the rendered agreement.
 * Whether the start date is already past is the caller's check (`isPastDate`, shared/domain/calendar-dates.ts):
 * it depends on the clock and the office's time zone, which a schema does not know.
 */
import { isCalendarDate } from "../domain/calendar-dates.ts";
import { freeText, REQUIRED, requiredOr } from "./free-text.ts";
import * as z from "./zod.ts";

/** A whole number from `min` to `max`, told in `unit` ("months", "days"). */
const wholeNumber = (min: number, max: number, unit: string) => {
  const message = `Enter a whole number of ${unit} from ${min} to ${max}`;
  return z
    .number({ error: requiredOr(message) })
    .check(z.int(message), z.minimum(min, message), z.maximum(max, message));
};

const calendarDate = z.string({ error: requiredOr() }).check(
  z.trim(),
  z.minLength(1, { error: REQUIRED, abort: true }),
  z.regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: "Enter the date as YYYY-MM-DD, such as 2027-03-01",
    abort: true,
  }),
  z.refine(isCalendarDate, "There is no such day in the calendar"),
);

/** The default review cadence, in months: the office reviews each partnership at least once a year. */
export const DEFAULT_REVIEW_CADENCE_MONTHS = 12;

export const agreementTermsSchema = z
  .strictObject({
    /** Who does what: the office's part and the partner's part. */
    divisionOfServices: z.strictObject({
      office: freeText(10, 4000),
      partner: freeText(10, 4000),
    }),
    expectedOutcomes: freeText(10, 4000),
    financialResponsibility: freeText(10, 2000),
    /** The first day of the term. */
    startDate: calendarDate,
    termMonths: wholeNumber(1, 60, "months"),
    reviewCadenceMonths: z._default(wholeNumber(1, 36, "months"), DEFAULT_REVIEW_CADENCE_MONTHS),
    referralProtocol: freeText(10, 2000),
    communicationProtocol: freeText(10, 2000),
    terminationNoticeDays: wholeNumber(0, 365, "days"),
  })
  .check(
    // A review after the term has ended could neither renew nor amend it: the first one falls within the term.
    z.refine((t) => !(t.reviewCadenceMonths > t.termMonths), {
      path: ["reviewCadenceMonths"],
      error: (issue) =>
        `The first review must fall within the term: at most ${(issue.input as { termMonths: number }).termMonths} months`,
    }),
  );

export type AgreementTerms = z.infer<typeof agreementTermsSchema>;
/** The terms as posted or stored, before defaults: what the officer's form holds. */
export type AgreementTermsInput = z.input<typeof agreementTermsSchema>;
