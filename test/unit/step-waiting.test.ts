/** The status page's waiting texts, listed apart from the steps' pages: one for every step, the step's own. */
import { describe, expect, it } from "vitest";
import { STEP_WAITING } from "#shared/steps/events.ts";
import { STEPS } from "#shared/steps/index.ts";

describe("STEP_WAITING", () => {
  it("holds every step's waiting text, and it is the one its descriptor names", () => {
    expect(Object.keys(STEP_WAITING).sort()).toEqual(Object.keys(STEPS).sort());
    for (const step of Object.values(STEPS)) expect(STEP_WAITING[step.kind], step.kind).toBe(step.waiting);
  });
});
