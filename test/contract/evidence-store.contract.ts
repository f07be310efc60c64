/** The EvidenceStore contract: one suite that every implementation of the port must pass. */
import { beforeEach, describe, expect, it } from "vitest";
import { evidenceKey } from "#shared/domain/document-keys.ts";
import type { EvidenceStore } from "#shared/ports/evidence-store.ts";
import { tinyPdf, tinyPng } from "../fixtures/documents.ts";

/** An empty store for each test (or one whose keys no other test uses). */
export type EvidenceStoreFactory = () => EvidenceStore | Promise<EvidenceStore>;

const ID = "01JD00000000000000000000AA";
const hashOf = (n: number) => n.toString(16).padStart(64, "0");

export function describeEvidenceStoreContract(name: string, makeStore: EvidenceStoreFactory): void {
  describe(`${name} keeps the EvidenceStore contract`, () => {
    let store: EvidenceStore;
    let next = 0;
    /** A key no other test of this run has used (the store may be shared between tests). */
    const freshKey = () => evidenceKey(ID, hashOf(Date.now() * 1000 + ++next));
    beforeEach(async () => {
      store = await makeStore();
    });

    it("gives back the very bytes put under a key", async () => {
      const key = freshKey();
      const bytes = tinyPdf();
      await store.put(key, bytes, "application/pdf");
      expect(await store.get(key)).toEqual(bytes);
    });

    it("answers undefined for a key where nothing is stored", async () => {
      expect(await store.get(freshKey())).toBeUndefined();
    });

    it("takes the same bytes under the same key again without error, and keeps them", async () => {
      const key = freshKey();
      await store.put(key, tinyPng(), "image/png");
      await store.put(key, tinyPng(), "image/png");
      expect(await store.get(key)).toEqual(tinyPng());
    });

    it("keeps objects apart by key", async () => {
      const [a, b] = [freshKey(), freshKey()];
      await store.put(a, tinyPdf(), "application/pdf");
      await store.put(b, tinyPng(), "image/png");
      expect(await store.get(a)).toEqual(tinyPdf());
      expect(await store.get(b)).toEqual(tinyPng());
    });

    it("is not changed by the caller changing its bytes after the put, or what get gave it", async () => {
      const key = freshKey();
      const bytes = tinyPdf();
      await store.put(key, bytes, "application/pdf");
      bytes[0] = 0;
      const read = await store.get(key);
      if (read) read[1] = 0;
      expect(await store.get(key)).toEqual(tinyPdf());
    });

    it("signs a link to the object that names its key", async () => {
      const key = freshKey();
      await store.put(key, tinyPdf(), "application/pdf");
      const url = new URL(
        await store.signedUrl(key, {
          ttlSeconds: 300,
          downloadName: "policy.pdf",
          contentType: "application/pdf",
        }),
      );
      expect(url.protocol).toMatch(/^https?:$/);
      expect(decodeURIComponent(url.pathname)).toContain(key);
    });

    it("refuses a link lifetime under a second or over seven days", async () => {
      const options = { downloadName: "a.pdf", contentType: "application/pdf" };
      await expect(store.signedUrl(freshKey(), { ...options, ttlSeconds: 0 })).rejects.toThrow(RangeError);
      await expect(store.signedUrl(freshKey(), { ...options, ttlSeconds: 604_801 })).rejects.toThrow(
        RangeError,
      );
      await expect(store.signedUrl(freshKey(), { ...options, ttlSeconds: 1.5 })).rejects.toThrow(RangeError);
    });
  });
}
