/**
 * Each decision records what the decider was shown: the SHA-256 of the step's page as its GET showed it (with
 * `{token}` for the link's token), and the checklist's version (the template's too, once an agreement is issued).
 */
import { describe, expect, it } from "vitest";
import { sha256Hex } from "#shared/domain/sha256.ts";
import { allVerified, CHECKLIST, Office } from "../fixtures/onboarding-office.ts";

/** The step's own content of a page as sent: what is inside <main>. */
const mainOf = (html: string) => /<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "";

describe("what the decider was shown", () => {
  it("records the SHA-256 of the page the officer opened, and the pinned checklist version", async () => {
    const office = await Office.approved();
    await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
    const review = await office.open("vetting-review");
    const seen = await office.show(review);
    const posted = await office.post(review, allVerified());
    expect(posted.statusCode).toBe(200);
    const decided = (await office.events()).find((e) => e.type === "VettingReviewed");
    expect(decided?.data.shown).toEqual({
      pageSha256: sha256Hex(mainOf(seen.body).replaceAll(review.request.token, "{token}")),
      checklistVersion: "2026-12-v1",
    });
  });
});
