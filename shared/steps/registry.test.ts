import { describe, expect, it } from "vitest";
import { STATE } from "../../workflows/onboarding/states.ts";
import { REVETTING_STATE } from "../../workflows/revetting/states.ts";
import { REVIEW_STATE } from "../../workflows/review/states.ts";
import { EVENTS } from "../events/registry.ts";
import { STEPS, stepOf } from "./index.ts";

const steps = Object.entries(STEPS);
/** Every state a step may name: the onboarding's, the vetting renewal's and the periodic review's. */
const states = new Set<string>([
  ...Object.values(STATE),
  ...Object.values(REVETTING_STATE),
  ...Object.values(REVIEW_STATE),
]);

describe("the step registry", () => {
  it("lists each step under its own kind", () => {
    for (const [kind, step] of steps) expect(step.kind).toBe(kind);
  });

  it("gives each step its own state and its own link path", () => {
    expect(new Set(steps.map(([, s]) => s.state)).size).toBe(steps.length);
    expect(new Set(steps.map(([, s]) => s.linkPath)).size).toBe(steps.length);
  });

  it("names states of the state modules: the step's own and where each outcome goes", () => {
    for (const [, step] of steps) {
      expect(states).toContain(step.state);
      for (const outcome of Object.values(step.outcomes)) expect(states, step.kind).toContain(outcome.next);
    }
  });

  it("names only registered ledger events", () => {
    for (const [, step] of steps) {
      expect(Object.keys(EVENTS)).toEqual(expect.arrayContaining(Object.values(step.events ?? {})));
    }
  });

  it("knows no kind it does not list, nor inherited names", () => {
    expect(stepOf(STEPS, "no-such-step")).toBeUndefined();
    expect(stepOf(STEPS, "toString")).toBeUndefined();
  });
});
