import { describe, expect, it } from "vitest";
import {
  addMonths,
  calendarDateWords,
  isCalendarDate,
  isPastDate,
  termEndDate,
  todayIn,
} from "#shared/domain/calendar-dates.ts";
import { agreementTermsSchema } from "#shared/schemas/agreement-terms.ts";
import { fieldErrors } from "#shared/schemas/validation.ts";
import { TERMS } from "../fixtures/agreement.ts";

const errors = (value: unknown) => {
  const result = agreementTermsSchema.safeParse(value);
  return result.success ? [] : fieldErrors(result.error);
};

describe("the agreement's terms", () => {
  it("accepts an officer's terms, and defaults the review cadence to 12 months", () => {
    const { reviewCadenceMonths: _, ...withoutCadence } = TERMS;
    const parsed = agreementTermsSchema.parse(withoutCadence);
    expect(parsed.reviewCadenceMonths).toBe(12);
    expect(parsed.divisionOfServices).toEqual(TERMS.divisionOfServices);
  });

  it("tells each missing or bad field what is wrong, by its path", () => {
    expect(
      errors({
        ...TERMS,
        divisionOfServices: { office: "", partner: "too short" },
        startDate: "2027-02-29",
        termMonths: 61,
        reviewCadenceMonths: 1.5,
        terminationNoticeDays: -1,
        referralProtocol: "<b>refer</b> students to the office",
      }),
    ).toEqual([
      { field: "divisionOfServices.office", message: "Required" },
      { field: "divisionOfServices.partner", message: "At least 10 characters" },
      { field: "startDate", message: "There is no such day in the calendar" },
      { field: "termMonths", message: "Enter a whole number of months from 1 to 60" },
      { field: "reviewCadenceMonths", message: "Enter a whole number of months from 1 to 36" },
      { field: "referralProtocol", message: "Markup is not allowed here" },
      { field: "terminationNoticeDays", message: "Enter a whole number of days from 0 to 365" },
    ]);
    expect(errors({ ...TERMS, startDate: "1 March 2027" })).toEqual([
      { field: "startDate", message: "Enter the date as YYYY-MM-DD, such as 2027-03-01" },
    ]);
    expect(errors({ ...TERMS, termMonths: undefined })).toEqual([
      { field: "termMonths", message: "Required" },
    ]);
  });

  it("refuses unknown fields, and a first review that falls after the term", () => {
    expect(errors({ ...TERMS, signed: true })).toEqual([{ field: "signed", message: "Unknown field" }]);
    expect(errors({ ...TERMS, termMonths: 6 })).toEqual([
      {
        field: "reviewCadenceMonths",
        message: "The first review must fall within the term: at most 6 months",
      },
    ]);
    expect(errors({ ...TERMS, termMonths: 6, reviewCadenceMonths: 6 })).toEqual([]);
  });
});

describe("calendar dates", () => {
  it("are real days only", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    for (const bad of [
      "2027-02-29",
      "2027-13-01",
      "2027-04-31",
      "2027-1-01",
      "0999-01-01",
      "2027-01-01T00:00",
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
  });

  it("are past only once the day has ended in the office's time zone", () => {
    // 03:30 UTC on 11 December is still 10 December in Toronto.
    const now = new Date("2026-12-11T03:30:00Z");
    expect(todayIn(now, "America/Toronto")).toBe("2026-12-10");
    expect(isPastDate("2026-12-10", now, "America/Toronto")).toBe(false);
    expect(isPastDate("2026-12-10", now, "UTC")).toBe(true);
    expect(isPastDate("2026-12-09", now, "America/Toronto")).toBe(true);
    expect(isPastDate("2027-01-01", now, "America/Toronto")).toBe(false);
  });

  it("add months to the last day a month has, and give the term's last day", () => {
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2027-11-15", 3)).toBe("2028-02-15");
    expect(termEndDate("2027-01-31", 24)).toBe("2029-01-30");
    expect(termEndDate("2027-03-01", 12)).toBe("2028-02-29");
    // A month too short for the start's day ends on its last day.
    expect(termEndDate("2027-01-31", 1)).toBe("2027-02-28");
    expect(termEndDate("2027-01-28", 1)).toBe("2027-02-27");
    expect(calendarDateWords("2027-03-01")).toBe("March 1, 2027");
  });
});
