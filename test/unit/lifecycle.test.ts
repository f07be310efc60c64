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
