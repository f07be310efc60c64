/** The start banner's line about a moved clock (PARTNERFLOW_CLOCK_OFFSET_DAYS), so that a demo knows its "today". */
import { clockOffsetMs } from "#shared/ports/clock.ts";
import { formatDate } from "#shared/web/dates.ts";

const DAY_MS = 86_400_000;

/**
 * "Clock: moved 3 days (today is December 9, 2026)", the day in the office's time zone as the handlers see it;
 * undefined when the clock is not moved.
 */
export function clockBannerLine(
  now: Date,
  timeZone: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const offsetMs = clockOffsetMs(env);
  if (offsetMs === 0) return undefined;
  const days = offsetMs / DAY_MS;
  const today = formatDate(new Date(now.getTime() + offsetMs).toISOString(), timeZone);
  return `Clock: moved ${days} ${Math.abs(days) === 1 ? "day" : "days"} (today is ${today})`;
}
