/** The in-memory evidence store keeps the EvidenceStore contract (the same suite the S3 one passes). */
import { describe, expect, it } from "vitest";
import {
  IN_MEMORY_EVIDENCE_ORIGIN,
  InMemoryEvidenceStore,
} from "#shared/adapters/in-memory-evidence-store.ts";
import { describeEvidenceStoreContract } from "./evidence-store.contract.ts";

describeEvidenceStoreContract("the in-memory evidence store", () => new InMemoryEvidenceStore());

describe("the in-memory evidence store's links", () => {
  it("are recognisably fake, and carry what a real one would", async () => {
    const url = new URL(
      await new InMemoryEvidenceStore().signedUrl("evidence/P/abc", {
        ttlSeconds: 60,
        downloadName: "Café menu.pdf",
        contentType: "application/pdf",
      }),
    );
    expect(url.origin).toBe(IN_MEMORY_EVIDENCE_ORIGIN);
    expect(url.pathname).toBe("/evidence/P/abc");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ttl: "60",
      name: "Café menu.pdf",
      type: "application/pdf",
    });
  });
});
