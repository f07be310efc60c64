/** The system clock's offset (PARTNERFLOW_CLOCK_OFFSET_DAYS): whole days either way, anything else refused. */
import { afterEach, describe, expect, it } from "vitest";
import { CLOCK_OFFSET_ENV, clockOffsetMs, systemClock } from "#shared/ports/clock.ts";

const DAY = 86_400_000;

describe("the clock offset", () => {
  afterEach(() => {
    delete process.env[CLOCK_OFFSET_ENV];
  });

  it("is none when unset or blank", () => {
    expect(clockOffsetMs({})).toBe(0);
    expect(clockOffsetMs({ [CLOCK_OFFSET_ENV]: " " })).toBe(0);
  });

  it("moves time by whole days, either way", () => {
    expect(clockOffsetMs({ [CLOCK_OFFSET_ENV]: "40" })).toBe(40 * DAY);
    expect(clockOffsetMs({ [CLOCK_OFFSET_ENV]: "-2" })).toBe(-2 * DAY);
  });

  it.each(["1.5", "two", "99999"])("refuses %s, naming the setting", (value) => {
    expect(() => clockOffsetMs({ [CLOCK_OFFSET_ENV]: value })).toThrow(
      /PARTNERFLOW_CLOCK_OFFSET_DAYS must be/,
    );
  });

  it("the system clock reads it at each call, so a test can move time on", () => {
    const before = systemClock.now().getTime();
    process.env[CLOCK_OFFSET_ENV] = "3";
    const moved = systemClock.now().getTime();
    expect(moved - before).toBeGreaterThanOrEqual(3 * DAY);
    expect(moved - before).toBeLessThan(3 * DAY + 60_000);
  });
});
