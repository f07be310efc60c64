/**
 * Business days: Monday to Friday, except the office's holidays (configured as YYYY-MM-DD days: school
 * calendars matter to these offices). Reminders go out on business days only, and a step's timeout leaves
 * room, after it falls due, for its reminders and its escalation on business days, however the weekends and
 * holidays fall.
 */
import { addDays, isCalendarDate } from "./calendar-dates.ts";

/** The day of the week of a calendar date: 0 is Sunday, 6 Saturday. */
function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/** Whether `date` (YYYY-MM-DD) is a business day: a weekday that is not one of `holidays`. */
export function isBusinessDay(date: string, holidays: ReadonlySet<string> | readonly string[]): boolean {
  const day = weekday(date);
  const off = holidays instanceof Set ? holidays.has(date) : (holidays as readonly string[]).includes(date);
  return day !== 0 && day !== 6 && !off;
}

/**
 * How many calendar days after `date` it takes to have had `count` business days (the days after `date`,
 * `date` itself not counted). Zero for a count of zero.
 */
export function calendarDaysForBusinessDays(
  date: string,
  count: number,
  holidays: ReadonlySet<string> | readonly string[],
): number {
  const off = holidays instanceof Set ? holidays : new Set(holidays);
  let days = 0;
  for (let had = 0; had < count; ) {
    days++;
    if (isBusinessDay(addDays(date, days), off)) had++;
    // A year of holidays in a row is a mistake in the configuration, not a calendar.
    if (days > 366) throw new RangeError("No business day within a year: check the holidays");
  }
  return days;
}

/**
 * The most calendar days that `count` business days can take after any day: the worst a weekend, or a run of
 * holidays next to one, can do. Every day from a week before the first holiday to a week after the last is
 * tried, and a plain week, so the answer holds whenever a step falls due.
 */
export function longestSpanOfBusinessDays(count: number, holidays: readonly string[]): number {
  const sorted = [...holidays].sort();
  const starts = new Set<string>();
  // A plain week with no holiday in it (2026-01-05 is a Monday; the check below skips any configured one).
  for (let i = 0; i < 7; i++) starts.add(addDays("2026-01-05", i));
  const [first, last] = [sorted[0], sorted.at(-1)];
  if (first && last) {
    for (let day = addDays(first, -7 - count * 2); day <= addDays(last, 7); day = addDays(day, 1))
      starts.add(day);
  }
  let longest = 0;
  for (const start of starts) longest = Math.max(longest, calendarDaysForBusinessDays(start, count, sorted));
  return longest;
}

/** What a step leaves room for after it falls due before it times out (see escalationWindowDays). */
export interface EscalationPolicy {
  /** Reminders to the assignee, one a business day, before the lead is told (default 2). */
  readonly remindersBeforeEscalation: number;
  /** Calendar days after the escalation's business day before the step times out (default 2). */
  readonly escalationGraceDays: number;
  /** The office's holidays (YYYY-MM-DD). */
  readonly holidays: readonly string[];
}

/**
 * The calendar days between a step falling due and its timeout: room for its reminders and then its
 * escalation, each on a business day of its own, in the worst case the holidays and weekends allow, and the
 * grace after them. So a step times out only after the daily sweep had the chance to remind and escalate.
 */
export function escalationWindowDays(policy: EscalationPolicy): number {
  return (
    longestSpanOfBusinessDays(policy.remindersBeforeEscalation + 1, policy.holidays) +
    policy.escalationGraceDays
  );
}

/** Whether every one of `holidays` is a calendar date (YYYY-MM-DD); the bad ones. */
export function badHolidays(holidays: readonly string[]): string[] {
  return holidays.filter((day) => !isCalendarDate(day));
}
