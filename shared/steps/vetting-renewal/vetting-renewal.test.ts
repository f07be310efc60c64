import { describe, expect, it } from "vitest";
import { evidenceSent, NOW } from "../../../test/fixtures/step-ledger.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { REVETTING_STATE } from "../../../workflows/revetting/states.ts";
import { eventDraft } from "../../events/draft.ts";
import { step as checklist } from "../vetting-evidence/index.ts";
import { step } from "./index.ts";

/** The references waived until the day before NOW, everything else verified. */
const waivedUntilYesterday = eventDraft(
  "VettingReviewed",
  { partnershipId: "P", at: "2026-10-01T10:00:00.000Z", actor: "officer:officer@example.org" },
  {
    kind: "vetting-review",
    decisionId: "V",
    outcome: "verify",
    comment: "",
    details: {
      verdicts: [{ itemId: "references", verdict: "waived", reason: "Away", waivedUntil: "2026-11-22" }],
    },
  },
);

describe("the vetting renewal's partner step", () => {
  it("is the checklist's page and events in the renewal's state machine, sent on to the renewal's review", () => {
    expect(step.state).toBe(REVETTING_STATE.awaitRenewedEvidence);
    expect(step.outcomes.submitted?.next).toBe(REVETTING_STATE.awaitRenewedReview);
    expect(step.events).toEqual(checklist.events);
    expect(step.page).toBe(checklist.page);
    expect(step.linkPath).toBe("/vetting-renewal");
  });

  it("emails the partner for the items whose waiver ended, saying why", () => {
    const view = { ...stepView({ events: [evidenceSent(), waivedUntilYesterday] }), now: NOW };
    const decision = { ...view.decision, dueAt: "2026-12-23T15:00:00.000Z" };
    const mail = step.email({ ...view, decision, url: "https://partners.example.org/vetting-renewal/T" });
    expect(mail.subject).toMatch(/^Vetting: 1 checklist item needed for /);
    expect(mail.text).toContain("References: the office let it wait until November 22, 2026 (“Away”).");
    expect(mail.text).toContain("the partnership is recorded as at risk");
    expect(mail.text).toContain("https://partners.example.org/vetting-renewal/T");
  });

  it("once the vetting has passed, asks for verified evidence expiring within the notice window, saying when", () => {
    const vetted = eventDraft(
      "StageChanged",
      { partnershipId: "P", at: "2026-11-24T10:00:00.000Z", actor: "system:workflow" },
      { from: "VETTING", to: "CONFIRMING_AUTHORITY", outcome: "vetted" },
    );
    const sent = evidenceSent();
    const items = (sent.data.details as { items: { itemId: string }[] }).items;
    const verified = eventDraft(
      "VettingReviewed",
      { partnershipId: "P", at: "2026-11-24T09:00:00.000Z", actor: "officer:officer@example.org" },
      {
        kind: "vetting-review",
        decisionId: "V",
        outcome: "verify",
        comment: "",
        details: { verdicts: items.map((i) => ({ itemId: i.itemId, verdict: "verified" })) },
      },
    );
    const events = [sent, verified, vetted];
    // The checks expire on 2028-09-30: 29 days on, within the 30 days' notice; the insurance (2029) is not.
    const view = { ...stepView({ events }), now: new Date("2028-09-01T15:00:00.000Z") };
    expect(step.requestDetails?.(view)).toEqual({
      checklistVersion: "2026-12-v1",
      items: ["vulnerable-sector-checks"],
      expiring: [
        {
          itemId: "vulnerable-sector-checks",
          title: "Criminal background and vulnerable-sector checks",
          expiresOn: "2028-09-30",
        },
      ],
    });
    const mail = step.email({ ...view, url: "https://partners.example.org/vetting-renewal/T" });
    expect(mail.text).toContain(
      "Criminal background and vulnerable-sector checks: your evidence expires on September 30, 2028; please give the renewed evidence.",
    );
    expect(mail.text).not.toContain("Liability insurance");
    // A day earlier it was outside the window; during the onboarding's own vetting, never.
    expect(step.requestDetails?.({ ...view, now: new Date("2028-08-30T15:00:00.000Z") })).toMatchObject({
      items: [],
    });
    const onboarding = { ...stepView({ events: events.slice(0, 2) }), now: view.now };
    expect(checklist.requestDetails?.(onboarding)).toMatchObject({ items: [] });
  });
});
