/**
 * The partner's status page after an ending (issue 13): the signed agreement stays listed (its files stay
 * reachable), and the periodic reviews show no next review, since the schedule was cancelled.
 */
import { describe, expect, it } from "vitest";
import { toPartnership } from "#shared/adapters/dynamodb-items.ts";
import type { Stage } from "#shared/domain/lifecycle.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { statusPage } from "#shared/web/pages.ts";
import { partnershipItem } from "../fixtures/items.ts";
import { CONFIG, ledgerOf, P } from "../fixtures/step-view.ts";

const origin = (at: string) => ({ partnershipId: P, at, actor: "system:workflow" });
const LEDGER = ledgerOf([
  eventDraft("AgreementCompleted", origin("2026-11-23T10:00:00.000Z"), {
    version: 1,
    sha256: "a".repeat(64),
    certificateSha256: "b".repeat(64),
    certificatePdfSha256: "c".repeat(64),
  }),
  eventDraft("ReviewStarted", origin("2027-11-23T10:00:00.000Z"), {
    round: "2027-11-23",
    startedBy: "schedule",
  }),
  eventDraft("ReviewCompleted", origin("2027-12-01T10:00:00.000Z"), {
    round: "2027-11-23",
    outcome: "renew",
    nextReviewOn: "2028-11-23",
  }),
]);

/** The periodic reviews' table, and what follows it up to the next heading. */
const reviews = (page: string) =>
  page.slice(page.indexOf('id="review-history"'), page.indexOf("<h2>History"));

const render = (stage: Stage) =>
  String(statusPage(toPartnership(partnershipItem(P, { stage })), LEDGER, undefined, CONFIG, "/status/t"));

describe("the status page after an ending", () => {
  it.each<Stage>(["ACTIVE", "IN_REVIEW", "TERMINATED", "WITHDRAWN", "EXPIRED"])(
    "lists the signed agreement and its certificate when %s",
    (stage) => {
      const page = render(stage);
      expect(page).toContain('href="/status/t/agreement.pdf"');
      expect(page).toContain('href="/status/t/certificate"');
    },
  );

  it("shows the next review while active", () => {
    expect(reviews(render("ACTIVE"))).toContain("<td>November 23, 2028</td>");
    expect(reviews(render("ACTIVE"))).not.toContain("No further review");
  });

  it.each<Stage>(["TERMINATED", "WITHDRAWN"])("shows no next review once %s", (stage) => {
    const page = reviews(render(stage));
    expect(page).not.toContain("2028");
    expect(page).toContain("<td>None</td>");
    expect(page).toContain("No further review: the partnership has ended.");
  });
});
