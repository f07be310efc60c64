/** Dates and times as people read them: in the office's time zone, with the zone named. UTC is for the ledger. */

const formats = new Map<
  string,
  { dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat; zone: Intl.DateTimeFormat }
>();

function formatsFor(timeZone: string) {
  let found = formats.get(timeZone);
  if (!found) {
    found = {
      dateTime: new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "long", timeStyle: "short" }),
      date: new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "long" }),
      zone: new Intl.DateTimeFormat("en-CA", { timeZone, timeZoneName: "short", hour: "numeric" }),
    };
    formats.set(timeZone, found);
  }
  return found;
}

/** "December 10, 2026 at 10:04 a.m. EST (America/Toronto)": the zone's abbreviation at that moment, and its name. */
export function formatDateTime(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const f = formatsFor(timeZone);
  const abbreviation = f.zone.formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  return `${f.dateTime.format(at)}${abbreviation ? ` ${abbreviation}` : ""} (${timeZone})`;
}

/** "December 10, 2026": the day in the office's time zone. */
export function formatDate(iso: string, timeZone: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatsFor(timeZone).date.format(at);
}

/** An ISO 8601 time in UTC as the ledger writes it ("2026-12-06T09:28:54.936Z"), within a text. */
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/** A text (an event's summary) with each ISO time in it as people read it, in the office's time zone. */
export function readableTimes(text: string, timeZone: string): string {
  return text.replace(ISO_TIME, (iso) => formatDateTime(iso, timeZone));
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone });
    return true;
  } catch {
    return false;
  }
}
