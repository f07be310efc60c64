import { describe, expect, it } from "vitest";
import { IllegalTransitionError } from "#shared/domain/errors.ts";
import { allowedNext, canTransition, isTerminal, transition } from "#shared/domain/lifecycle.ts";

describe("lifecycle", () => {
  it("follows the onboarding path from SUBMITTED to ACTIVE", () => {
    const path = ["SUBMITTED", "ASSESSING", "VETTING", "CONFIRMING_AUTHORITY", "SIGNING", "ACTIVE"] as const;
    for (let i = 1; i < path.length; i++) {
      expect(transition(path[i - 1] as (typeof path)[number], path[i] as (typeof path)[number])).toBe(
        path[i],
      );
    }
  });

  it("ends a review in renewal, amendment or termination", () => {
    expect(allowedNext("IN_REVIEW")).toEqual(expect.arrayContaining(["ACTIVE", "SIGNING", "TERMINATED"]));
  });

  it("lets any open stage be declined, withdrawn or expire", () => {
    for (const stage of ["SUBMITTED", "ASSESSING", "VETTING", "CONFIRMING_AUTHORITY", "SIGNING"] as const) {
      for (const exit of ["DECLINED", "WITHDRAWN", "EXPIRED"] as const)
        expect(canTransition(stage, exit)).toBe(true);
    }
  });

  it("lets the partner withdraw and the lead terminate at any stage that has not ended", () => {
    for (const stage of [
      "SUBMITTED",
      "VETTING",
      "SIGNING",
      "ACTIVE",
      "IN_REVIEW",
      "NEEDS_ATTENTION",
    ] as const) {
      expect(canTransition(stage, "WITHDRAWN")).toBe(true);
      expect(canTransition(stage, "TERMINATED")).toBe(true);
    }
    expect(canTransition("DECLINED", "TERMINATED")).toBe(false);
    expect(canTransition("WITHDRAWN", "TERMINATED")).toBe(false);
  });

  it("lets a review expire, but not an active partnership", () => {
    expect(canTransition("IN_REVIEW", "EXPIRED")).toBe(true);
    expect(canTransition("ACTIVE", "EXPIRED")).toBe(false);
  });

  it("moves a failed workflow to NEEDS_ATTENTION, and a retry back to any working stage", () => {
    for (const stage of ["ASSESSING", "SIGNING", "ACTIVE", "IN_REVIEW"] as const) {
      expect(canTransition(stage, "NEEDS_ATTENTION")).toBe(true);
      expect(canTransition("NEEDS_ATTENTION", stage)).toBe(true);
    }
    expect(canTransition("NEEDS_ATTENTION", "NEEDS_ATTENTION")).toBe(false);
    expect(canTransition("NEEDS_ATTENTION", "DECLINED")).toBe(false);
    expect(canTransition("EXPIRED", "NEEDS_ATTENTION")).toBe(false);
  });

  it("throws IllegalTransitionError when skipping a stage or leaving a terminal one", () => {
    expect(() => transition("SUBMITTED", "VETTING")).toThrow(IllegalTransitionError);
    expect(() => transition("DECLINED", "ASSESSING")).toThrow(IllegalTransitionError);
    expect(() => transition("ACTIVE", "DECLINED")).toThrow(/ACTIVE to DECLINED/);
  });

  it("knows which stages are terminal", () => {
    expect(isTerminal("EXPIRED")).toBe(true);
    expect(isTerminal("VETTING")).toBe(false);
  });
});
