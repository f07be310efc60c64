/**
 * Calendar dates ("YYYY-MM-DD", a day with no time or zone: an agreement's start date, an expiry): whether one
 * is a real day, whether it is already past in the office's time zone, adding months, and the words a document
 * reads them in. The words come from a table, not from Intl, so that a rendered agreement (and its hash) does
 * not change with the runtime's locale data.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parse(date: string): Day | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function format({ year, month, day }: Day): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function parsed(date: string): Day {
  const day = parse(date);
  if (!day) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return day;
}

/** Whether `date` is a day of the calendar written YYYY-MM-DD: "2027-02-29" and "2027-13-01" are not. */
export function isCalendarDate(date: string): boolean {
  return parse(date) !== undefined;
}

/** Today's date in `timeZone` (an IANA zone) at the instant `now`. */
export function todayIn(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return format({ year: part("year"), month: part("month"), day: part("day") });
}

/** Whether the day `date` has already ended in `timeZone` at `now` (today is not past). */
export function isPastDate(date: string, now: Date, timeZone: string): boolean {
  return format(parsed(date)) < todayIn(now, timeZone);
}

/** The same day `months` months later; a day the month lacks becomes its last ("2027-01-31" + 1 → "2027-02-28"). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parsed(date);
  const index = year * 12 + (month - 1) + months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  return format({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** The day `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parsed(date);
  const later = new Date(Date.UTC(year, month - 1, day + days));
  return format({ year: later.getUTCFullYear(), month: later.getUTCMonth() + 1, day: later.getUTCDate() });
}

/** The day before `date`. */
export function dayBefore(date: string): string {
  const { year, month, day } = parsed(date);
  const previous = new Date(Date.UTC(year, month - 1, day - 1));
  return format({
    year: previous.getUTCFullYear(),
    month: previous.getUTCMonth() + 1,
    day: previous.getUTCDate(),
  });
}

/**
 * The last day of a term of `months` months that starts on `start`: the day before the same day `months` later,
 * or, when that month is too short to have the day, its last day (a month from January 31 ends on February 28).
 */
export function termEndDate(start: string, months: number): string {
  const later = addMonths(start, months);
  return parsed(later).day < parsed(start).day ? later : dayBefore(later);
}

/** "expires on March 1, 2027", or "expired on …" once that day is over (`today`, YYYY-MM-DD). */
export function expiryWords(expiresOn: string, today: string): string {
  return `${expiresOn < today ? "expired" : "expires"} on ${calendarDateWords(expiresOn)}`;
}

/** "March 1, 2027". */
export function calendarDateWords(date: string): string {
  const { year, month, day } = parsed(date);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}
