/** The clock offsets that land on the office's business days, for the reminder journeys. */
import { isBusinessDay } from "#shared/domain/business-days.ts";
import { todayIn } from "#shared/domain/calendar-dates.ts";

const DAY_MS = 86_400_000;

/** The first whole-day offset from `from` on that makes today (the office's) a business day, not one of `holidays`. */
export function businessOffset(from: number, holidays: readonly string[] = []): number {
  for (let days = from; days < from + 30; days++)
    if (isBusinessDay(todayIn(new Date(Date.now() + days * DAY_MS), "America/Toronto"), holidays))
      return days;
  throw new Error("No business day within a month");
}
