/** The system clock's offset (PARTNERFLOW_CLOCK_OFFSET_DAYS): whole days either way, anything else refused. */
import { afterEach, describe, expect, it } from "vitest";
import { CLOCK_OFFSET_ENV, clockOffsetMs, systemClock, TestClock } from "#shared/ports/clock.ts";

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

describe("the test clock", () => {
  it("stands still until moved on, by days or milliseconds, or set", () => {
    const clock = new TestClock("2026-11-23T15:00:00.000Z");
    expect(clock.now().toISOString()).toBe("2026-11-23T15:00:00.000Z");
    expect(clock.now().toISOString()).toBe("2026-11-23T15:00:00.000Z");
    clock.advance({ days: 2 });
    expect(clock.now().toISOString()).toBe("2026-11-25T15:00:00.000Z");
    clock.advance({ ms: 1500 });
    expect(clock.now().toISOString()).toBe("2026-11-25T15:00:01.500Z");
    clock.set("2027-01-01T00:00:00.000Z");
    expect(clock.now().toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("never moves backwards", () => {
    expect(() => new TestClock("2026-11-23T15:00:00.000Z").advance({ days: -1 })).toThrow(RangeError);
  });
});
