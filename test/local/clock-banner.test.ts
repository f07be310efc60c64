/** The start banner says when the clock is moved (PARTNERFLOW_CLOCK_OFFSET_DAYS), and which day is today then. */
import { describe, expect, it } from "vitest";
import { clockBannerLine } from "#infra/local/clock-banner.ts";

const now = new Date("2026-12-06T14:00:00Z");

describe("the start banner's clock line", () => {
  it("says how far the clock moved and the day it takes for today, in the office's zone", () => {
    expect(clockBannerLine(now, "America/Toronto", { PARTNERFLOW_CLOCK_OFFSET_DAYS: "3" })).toBe(
      "Clock: moved 3 days (today is December 9, 2026)",
    );
    expect(clockBannerLine(now, "America/Toronto", { PARTNERFLOW_CLOCK_OFFSET_DAYS: "-1" })).toBe(
      "Clock: moved -1 day (today is December 5, 2026)",
    );
    // 02:00 UTC is still the day before in Toronto.
    expect(
      clockBannerLine(new Date("2026-12-07T02:00:00Z"), "America/Toronto", {
        PARTNERFLOW_CLOCK_OFFSET_DAYS: "1",
      }),
    ).toBe("Clock: moved 1 day (today is December 7, 2026)");
  });

  it("says nothing when the clock is not moved", () => {
    expect(clockBannerLine(now, "America/Toronto", {})).toBeUndefined();
    expect(clockBannerLine(now, "America/Toronto", { PARTNERFLOW_CLOCK_OFFSET_DAYS: "0" })).toBeUndefined();
  });
});
