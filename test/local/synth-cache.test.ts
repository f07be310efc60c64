import { describe, expect, it } from "vitest";
import { synthFingerprint, synthTemplates } from "#infra/local/synth.ts";

describe("synthesized template cache", () => {
  it("returns exactly what a fresh synth of the CDK app returns", async () => {
    const fresh = await synthTemplates({ cache: false });
    const cached = await synthTemplates();
    const again = await synthTemplates();
    expect(cached).toEqual(fresh);
    expect(again).toEqual(fresh);
    expect(Object.keys(fresh)).toEqual(["Partnerflow-Stateful", "Partnerflow-App"]);
  });

  it("keys the cache by a stable fingerprint of the sources", () => {
    expect(synthFingerprint()).toMatch(/^[0-9a-f]{32}$/);
    expect(synthFingerprint()).toBe(synthFingerprint());
  });
});
