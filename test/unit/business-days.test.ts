/** Business days (weekdays that are not the office's holidays) and the room a step's timeout leaves for its reminders. */
import { describe, expect, it } from "vitest";
import { configSchema, stepTiming } from "#infra/config.ts";
import {
  badHolidays,
  calendarDaysForBusinessDays,
  escalationWindowDays,
  isBusinessDay,
  longestSpanOfBusinessDays,
} from "#shared/domain/business-days.ts";
import { STEPS } from "#shared/steps/index.ts";

describe("business days", () => {
  it("are Monday to Friday, except the holidays", () => {
    // 2026-11-27 is a Friday, 2026-11-28 a Saturday, 2026-11-30 a Monday.
    expect(isBusinessDay("2026-11-27", [])).toBe(true);
    expect(isBusinessDay("2026-11-27", ["2026-11-27"])).toBe(false);
    expect(isBusinessDay("2026-11-28", [])).toBe(false);
    expect(isBusinessDay("2026-11-29", [])).toBe(false);
    expect(isBusinessDay("2026-11-30", new Set(["2026-12-25"]))).toBe(true);
  });

  it("counts the calendar days that hold so many business days after a day", () => {
    expect(calendarDaysForBusinessDays("2026-11-23", 0, [])).toBe(0);
    // From a Monday: Tuesday, Wednesday, Thursday.
    expect(calendarDaysForBusinessDays("2026-11-23", 3, [])).toBe(3);
    // From a Thursday: Friday, then Monday and Tuesday after the weekend.
    expect(calendarDaysForBusinessDays("2026-11-26", 3, [])).toBe(5);
    // The Friday a holiday: Monday, Tuesday, Wednesday.
    expect(calendarDaysForBusinessDays("2026-11-26", 3, ["2026-11-27"])).toBe(6);
  });

  it("the longest span is a weekend's, or a run of holidays beside one", () => {
    expect(longestSpanOfBusinessDays(3, [])).toBe(5);
    expect(longestSpanOfBusinessDays(1, [])).toBe(3);
    // A winter break: two weeks of weekdays off around Christmas.
    const winter = ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25"];
    const next = ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01"];
    expect(longestSpanOfBusinessDays(3, [...winter, ...next])).toBe(19);
  });

  it("a step's timeout leaves room for its reminders and escalation, then the grace", () => {
    expect(escalationWindowDays({ remindersBeforeEscalation: 2, escalationGraceDays: 2, holidays: [] })).toBe(
      7,
    );
    expect(escalationWindowDays({ remindersBeforeEscalation: 0, escalationGraceDays: 1, holidays: [] })).toBe(
      4,
    );
  });

  it("names the holidays that are not calendar days", () => {
    expect(badHolidays(["2026-12-25", "2026-02-30", "Christmas"])).toEqual(["2026-02-30", "Christmas"]);
  });
});

describe("the steps' timing from the configuration", () => {
  it("is due after the step's days and times out after the escalation window", () => {
    const config = configSchema.parse({});
    expect(config.holidays).toEqual([]);
    expect(config.remindersBeforeEscalation).toBe(2);
    expect(config.escalationGraceDays).toBe(2);
    expect(stepTiming(config, STEPS["intake-review"])).toEqual({ dueDays: 7, timeoutDays: 14 });
    const withHolidays = configSchema.parse({ holidays: ["2026-11-27"], remindersBeforeEscalation: 1 });
    // Two business days from a Wednesday before the Friday holiday: Thursday, then Monday.
    expect(stepTiming(withHolidays, STEPS["intake-review"])).toEqual({ dueDays: 7, timeoutDays: 7 + 5 + 2 });
  });

  it("refuses a holiday that is not a day", () => {
    const parsed = configSchema.safeParse({ holidays: ["2026-13-01"] });
    expect(parsed.success).toBe(false);
  });
});
