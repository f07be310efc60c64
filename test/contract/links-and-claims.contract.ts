/** The contract of link tokens and idempotency claims: stored once, read back as stored. */
import { describe, expect, it } from "vitest";
import type { Link } from "#shared/domain/partnership.ts";
import type { IdempotencyRecord } from "#shared/ports/partnership-repository.ts";
import type { CurrentRepository } from "./partnership-repository.contract.ts";
import { FUTURE, P, race, T0, T1 } from "./repository-fixtures.ts";

const decisionLink: Link = {
  tokenHash: "a".repeat(64),
  purpose: "decision",
  partnershipId: P,
  decisionId: "D1",
  expiresAt: FUTURE,
  singleUse: true,
};
const statusLink: Link = {
  tokenHash: "b".repeat(64),
  purpose: "status",
  partnershipId: P,
  expiresAt: FUTURE,
  singleUse: false,
};

function claim(partnershipId: string, requestHash = `hash-of-${partnershipId}`): IdempotencyRecord {
  return { key: "idem-key-1", partnershipId, requestHash, createdAt: T0 };
}
const EXPIRES = new Date("2026-11-24T10:00:00.000Z");

export function describeLinkAndClaimContract(repo: CurrentRepository): void {
  describe("links", () => {
    it("stores links and reads each back by its token hash", async () => {
      await repo().putLink(decisionLink);
      await repo().putLink(statusLink);
      expect(await repo().getLink(decisionLink.tokenHash)).toEqual(decisionLink);
      expect(await repo().getLink(statusLink.tokenHash)).toEqual(statusLink);
      expect((await repo().getLink(statusLink.tokenHash))?.decisionId).toBeUndefined();
    });

    it("has no link for a token hash it does not know", async () => {
      await repo().putLink(decisionLink);
      expect(await repo().getLink("c".repeat(64))).toBeUndefined();
    });

    it("refuses a second link with the same token hash, and keeps the first", async () => {
      await repo().putLink(decisionLink);
      await expect(repo().putLink({ ...statusLink, tokenHash: decisionLink.tokenHash })).rejects.toThrow();
      expect(await repo().getLink(decisionLink.tokenHash)).toEqual(decisionLink);
    });

    it("refuses a link whose expiry is not a date, and stores nothing", async () => {
      await expect(repo().putLink({ ...decisionLink, expiresAt: "next week" })).rejects.toThrow();
      expect(await repo().getLink(decisionLink.tokenHash)).toBeUndefined();
    });

    it("keeps what it stored when the caller changes a link it passed in or got back", async () => {
      const mine = { ...decisionLink };
      await repo().putLink(mine);
      mine.partnershipId = "OTHER";
      const read = await repo().getLink(decisionLink.tokenHash);
      if (!read) throw new Error("The link was put");
      read.singleUse = false;
      expect(await repo().getLink(decisionLink.tokenHash)).toEqual(decisionLink);
    });
  });

  describe("idempotency claims", () => {
    it("claims a new key, and gives the claim as made", async () => {
      expect(await repo().claimIdempotencyKey(claim("P-1"), EXPIRES)).toEqual(claim("P-1"));
    });

    it("gives the first claim to a later claim of the same key, whatever that one asked for", async () => {
      await repo().claimIdempotencyKey(claim("P-1"), EXPIRES);
      const again = await repo().claimIdempotencyKey(
        { ...claim("P-2", "another request"), createdAt: T1 },
        EXPIRES,
      );
      expect(again).toEqual(claim("P-1"));
    });

    it("gives both of two concurrent claims of a key the same one claim", async () => {
      const { fulfilled } = await race(
        repo().claimIdempotencyKey(claim("P-1"), EXPIRES),
        repo().claimIdempotencyKey(claim("P-2"), EXPIRES),
      );
      expect(fulfilled).toHaveLength(2);
      expect(fulfilled[1]).toEqual(fulfilled[0]);
      expect([claim("P-1"), claim("P-2")]).toContainEqual(fulfilled[0]);
    });

    it("keeps claims of different keys apart", async () => {
      await repo().claimIdempotencyKey(claim("P-1"), EXPIRES);
      const other = { ...claim("P-2"), key: "idem-key-2" };
      expect(await repo().claimIdempotencyKey(other, EXPIRES)).toEqual(other);
    });

    it("refuses a claim whose expiry is not a date, and keeps none", async () => {
      await expect(repo().claimIdempotencyKey(claim("P-1"), new Date("not a date"))).rejects.toThrow();
      expect(await repo().claimIdempotencyKey(claim("P-2"), EXPIRES)).toEqual(claim("P-2"));
    });
  });
}
