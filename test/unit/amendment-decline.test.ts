/**
 * A decline during an amendment (the review's, through the onboarding's signing steps) declines the new terms
 * only: the officer's confirmation and done page say the partnership stays active on the agreement in force; an
 * onboarding's decline reads as before.
 */
import { describe, expect, it } from "vitest";
import { amendmentUnderway, reviewHistory } from "#shared/domain/review.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { STEPS } from "#shared/steps/index.ts";
import { reviewHistoryTable } from "#shared/web/review-history.ts";
import { ledgerOf, stepView } from "../fixtures/step-view.ts";

const origin = { partnershipId: "P", at: "2027-11-23T15:00:00.000Z", actor: "system:workflow" };
const amend = eventDraft("ReviewCompleted", origin, {
  round: "2027-11-23",
  outcome: "amend",
  reason: "More",
});
const completed = eventDraft("AgreementCompleted", origin, { version: 2, sha256: "2".repeat(64) });
const declined = eventDraft("AmendmentDeclined", origin, { round: "2027-11-23" });

describe("a decline during an amendment", () => {
  it("is under way from the review's amend until a version is completed or the amendment declined", () => {
    expect(amendmentUnderway(ledgerOf([]))).toBe(false);
    expect(amendmentUnderway(ledgerOf([amend]))).toBe(true);
    expect(amendmentUnderway(ledgerOf([amend, completed]))).toBe(false);
    expect(amendmentUnderway(ledgerOf([amend, declined]))).toBe(false);
  });

  it.each(["agreement-terms", "paper-agreement"] as const)(
    "%s: its confirmation and done page say the agreement in force stays; in an onboarding, as before",
    (kind) => {
      const decline = STEPS[kind]?.outcomes.decline;
      const amending = stepView({ events: [amend] });
      const onboarding = stepView();
      expect(decline?.confirmFor?.(amending)).toContain("stays active on the agreement in force");
      expect(decline?.doneDetail?.(amending)).toContain("stays active on the agreement in force");
      expect(decline?.confirmFor?.(onboarding)).toBeUndefined();
      expect(decline?.doneDetail?.(onboarding)).toBeUndefined();
    },
  );

  it("the review's history says the round's amendment was declined, and the next review's day", () => {
    const events = ledgerOf([
      eventDraft("ReviewStarted", origin, { round: "2027-11-23", startedBy: "schedule" }),
      amend,
      declined,
      eventDraft("ScheduleSet", origin, { kind: "review", dueOn: "2028-12-03" }),
    ]);
    expect(reviewHistory(events)).toMatchObject([
      { round: "2027-11-23", outcome: "amend", amendmentDeclined: true, nextReviewOn: "2028-12-03" },
    ]);
    const table = String(reviewHistoryTable(events, "America/Toronto"));
    expect(table).toContain("Amend: “More”; then declined — the agreement in force stays");
    expect(table).not.toContain("a new version signed");
  });
});
