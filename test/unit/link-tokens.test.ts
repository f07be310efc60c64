import { describe, expect, it } from "vitest";
import { LinkExpiredError, LinkNotFoundError, LinkUsedError } from "#shared/domain/errors.ts";
import { assertLinkUsable, hashToken, isWellFormedToken, mintToken } from "#shared/domain/link-tokens.ts";

describe("link tokens", () => {
  it("mints 256 random bits as 43 base64url characters and keeps only their SHA-256", () => {
    const sizes: number[] = [];
    const minted = mintToken((size) => {
      sizes.push(size);
      return Buffer.alloc(size, 7);
    });
    expect(sizes).toEqual([32]);
    expect(minted.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(minted.hash).toBe(hashToken(minted.token));
    expect(minted.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(minted.hash).not.toContain(minted.token);
  });

  it("never mints the same token twice in practice", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => mintToken().token));
    expect(tokens.size).toBe(1000);
  });

  it("recognises well-formed tokens only", () => {
    expect(isWellFormedToken(mintToken().token)).toBe(true);
    expect(isWellFormedToken("short")).toBe(false);
    expect(isWellFormedToken(`${mintToken().token}=`)).toBe(false);
  });

  const now = new Date("2026-11-23T12:00:00Z");

  it("accepts an unused link before it expires", () => {
    expect(() => assertLinkUsable({ expiresAt: "2026-11-24T00:00:00Z", singleUse: true }, now)).not.toThrow();
  });

  it("refuses an unknown, used or expired link with a named error", () => {
    expect(() => assertLinkUsable(undefined, now)).toThrow(LinkNotFoundError);
    expect(() =>
      assertLinkUsable(
        { expiresAt: "2026-11-24T00:00:00Z", usedAt: "2026-11-23T11:00:00Z", singleUse: true },
        now,
      ),
    ).toThrow(LinkUsedError);
    expect(() => assertLinkUsable({ expiresAt: "2026-11-23T12:00:00Z", singleUse: true }, now)).toThrow(
      LinkExpiredError,
    );
  });

  it("lets a reusable (status) link be opened again", () => {
    expect(() =>
      assertLinkUsable(
        { expiresAt: "2026-11-24T00:00:00Z", usedAt: "2026-11-23T11:00:00Z", singleUse: false },
        now,
      ),
    ).not.toThrow();
  });
});
