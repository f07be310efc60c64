/** RFC 6962 Merkle trees: the root of known inputs, and every inclusion proof of trees of 1 to 20 leaves. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inclusionProof, leafHash, merkleRoot, verifyInclusion } from "#shared/domain/merkle.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const leaves = (n: number) =>
  Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));

describe("merkle trees (RFC 6962)", () => {
  it("hashes the empty tree as SHA-256 of nothing, a leaf with the 0x00 prefix, and a pair under 0x01", () => {
    expect(hex(merkleRoot([]))).toBe(createHash("sha256").digest("hex"));
    const a = leafHash(Uint8Array.of(0x61));
    expect(hex(a)).toBe(createHash("sha256").update(Uint8Array.of(0, 0x61)).digest("hex"));
    const b = leafHash(Uint8Array.of(0x62));
    const pair = createHash("sha256").update(Uint8Array.of(1)).update(a).update(b).digest("hex");
    expect(hex(merkleRoot([a, b]))).toBe(pair);
  });

  it("matches RFC 6962's test vector for the empty-leaf tree", () => {
    // Certificate Transparency's reference: the hash of the single empty leaf.
    expect(hex(merkleRoot([leafHash(new Uint8Array())]))).toBe(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    );
  });

  it("proves every leaf of trees of 1 to 20 leaves, and refuses a wrong leaf or root, or an index past the tree", () => {
    for (let n = 1; n <= 20; n++) {
      const hashes = leaves(n);
      const root = merkleRoot(hashes);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(hashes, i);
        expect(verifyInclusion(hashes[i] as Uint8Array, i, n, proof, root), `${i} of ${n}`).toBe(true);
        const other = hashes[(i + 1) % n] as Uint8Array;
        if (n > 1) expect(verifyInclusion(other, i, n, proof, root)).toBe(false);
        expect(verifyInclusion(hashes[i] as Uint8Array, i, n, proof, leafHash(Uint8Array.of(9)))).toBe(false);
        expect(verifyInclusion(hashes[i] as Uint8Array, n, n, proof, root)).toBe(false);
      }
    }
  });
});
