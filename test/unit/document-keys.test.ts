/** The evidence store's keys: one segment per part, addressed by SHA-256, bad parts refused. */
import { describe, expect, it } from "vitest";
import { agreementKey, certificateKey, evidenceKey } from "#shared/domain/document-keys.ts";

const id = "01JD0000000000000000000000";
const hash = "a".repeat(64);

describe("document keys", () => {
  it("places evidence, agreements and certificates by partnership and hash", () => {
    expect(evidenceKey(id, hash)).toBe(`evidence/${id}/${hash}`);
    expect(agreementKey(id, 3, hash)).toBe(`agreements/${id}/v3-${hash}.pdf`);
    expect(certificateKey(id, 1, hash)).toBe(`certificates/${id}/v1-${hash}.pdf`);
  });

  it("refuses an id that would add a segment, a hash that is not SHA-256 hex, a version below 1", () => {
    expect(() => evidenceKey("../other", hash)).toThrow(RangeError);
    expect(() => evidenceKey(id, "A".repeat(64))).toThrow(RangeError);
    expect(() => evidenceKey(id, "abc")).toThrow(RangeError);
    expect(() => agreementKey(id, 0, hash)).toThrow(RangeError);
    expect(() => certificateKey(id, 1.5, hash)).toThrow(RangeError);
  });
});
