/** The steps' link paths kept apart from their descriptors (shared/steps/link-paths.ts) are the registry's. */
import { describe, expect, it } from "vitest";
import { STEPS } from "#shared/steps/index.ts";
import { STEP_LINK_PATHS } from "#shared/steps/link-paths.ts";

describe("STEP_LINK_PATHS", () => {
  it("names every step's link path as its descriptor does, and no other", () => {
    expect(STEP_LINK_PATHS).toEqual(
      Object.fromEntries(Object.values(STEPS).map((s) => [s.kind, s.linkPath])),
    );
  });
});
