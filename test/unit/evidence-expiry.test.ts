/**
 * Expiring vetting evidence, read from the ledger: which evidence is in force (verified, with an expiry date),
 * when the partner is asked for it again (the notice window, never before tomorrow, once per evidence), when it
 * lapses, and which lapses are still to be marked at risk. Declarations and evidence without an expiry date
 * never expire; a waiver takes the evidence's place.
 */
import { describe, expect, it } from "vitest";
import { expiryWords } from "#shared/domain/calendar-dates.ts";
import {
  evidenceExpiringBy,
  evidenceInForce,
  evidenceLapseDueOn,
  evidenceRenewalDueOn,
  lapsedEvidence,
  vettingPassed,
} from "#shared/domain/evidence-expiry.ts";
import type { EventDraft } from "#shared/domain/ledger.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { describeEvent } from "#shared/events/registry.ts";
import { ledgerOf } from "../fixtures/step-view.ts";

const origin = (actor: string) => ({ partnershipId: "P", at: "2026-11-23T10:00:00.000Z", actor });

const submitted = (...items: Record<string, unknown>[]) =>
  eventDraft("VettingEvidenceSubmitted", origin("partner"), {
    kind: "vetting-evidence",
    decisionId: "S",
    outcome: "submitted",
    comment: "",
    details: { checklistVersion: "2026-12-v1", items },
  });
const reviewed = (...verdicts: Record<string, unknown>[]) =>
  eventDraft("VettingReviewed", origin("officer:officer@example.org"), {
    kind: "vetting-review",
    decisionId: "V",
    outcome: "verify",
    comment: "",
    details: { verdicts },
  });
const renewalAsked = (...items: string[]) =>
  eventDraft("VettingEvidenceRequested", origin("system:workflow"), {
    kind: "vetting-renewal",
    decisionId: "R",
    assignee: "partner",
    dueAt: "2027-01-01T10:00:00.000Z",
    details: { checklistVersion: "2026-12-v1", items },
  });
const lapseMarked = (itemId: string, expiresOn: string) =>
  eventDraft("PartnershipAtRisk", origin("system:start-vetting-renewals"), {
    round: "2027-02-01",
    reason: "evidence-lapsed",
    items: [{ itemId, title: itemId, expiresOn }],
  });

const insurance = (expiresOn?: string) => ({
  itemId: "insurance",
  kind: "evidence",
  issuer: "Maple Mutual",
  ...(expiresOn ? { expiresOn } : {}),
});
const checks = (expiresOn: string) => ({ itemId: "checks", kind: "evidence", issuer: "Police", expiresOn });
const verified = (itemId: string) => ({ itemId, verdict: "verified" });

/** The insurance (to 2027-03-15) and the checks (to 2027-06-30) given and verified; a declaration too. */
const VETTED: EventDraft[] = [
  submitted(
    insurance("2027-03-15"),
    checks("2027-06-30"),
    { itemId: "policy", kind: "declaration" },
    { itemId: "legal", kind: "evidence", issuer: "Registry", number: "1" },
  ),
  reviewed(verified("insurance"), verified("checks"), verified("policy"), verified("legal")),
];
const TODAY = "2026-12-01";

describe("the evidence in force", () => {
  it("is the verified evidence with an expiry date, the soonest first: declarations and evidence without one ignored", () => {
    expect(evidenceInForce(ledgerOf(VETTED))).toEqual([
      { itemId: "insurance", expiresOn: "2027-03-15" },
      { itemId: "checks", expiresOn: "2027-06-30" },
    ]);
  });

  it("is none before the officer verifies it, and none for evidence replaced by a declaration", () => {
    expect(evidenceInForce(ledgerOf([submitted(insurance("2027-03-15"))]))).toEqual([]);
    const declared = [...VETTED, submitted({ itemId: "insurance", kind: "declaration" })];
    expect(evidenceInForce(ledgerOf([...declared, reviewed(verified("insurance"))]))).toEqual([
      { itemId: "checks", expiresOn: "2027-06-30" },
    ]);
    expect(evidenceInForce(ledgerOf([submitted(insurance()), reviewed(verified("insurance"))]))).toEqual([]);
  });

  it("stays in force while renewed evidence waits for the officer or is rejected; a verified renewal replaces it", () => {
    const renewed = [...VETTED, submitted(insurance("2028-03-15"))];
    expect(evidenceInForce(ledgerOf(renewed))[0]).toEqual({ itemId: "insurance", expiresOn: "2027-03-15" });
    const rejected = [...renewed, reviewed({ itemId: "insurance", verdict: "rejected", reason: "Unsigned" })];
    expect(evidenceInForce(ledgerOf(rejected))[0]).toEqual({ itemId: "insurance", expiresOn: "2027-03-15" });
    expect(evidenceInForce(ledgerOf([...renewed, reviewed(verified("insurance"))]))).toEqual([
      { itemId: "checks", expiresOn: "2027-06-30" },
      { itemId: "insurance", expiresOn: "2028-03-15" },
    ]);
  });

  it("gives way to a waiver: the waiver's end renews the item", () => {
    const waived = [
      ...VETTED,
      submitted(insurance("2028-03-15")),
      reviewed({ itemId: "insurance", verdict: "waived", reason: "Broker", waivedUntil: "2027-02-01" }),
    ];
    expect(evidenceInForce(ledgerOf(waived)).map((e) => e.itemId)).toEqual(["checks"]);
  });

  it("expiring by a day: on or before it", () => {
    expect(evidenceExpiringBy(ledgerOf(VETTED), "2027-03-14")).toEqual([]);
    expect(evidenceExpiringBy(ledgerOf(VETTED), "2027-03-15").map((e) => e.itemId)).toEqual(["insurance"]);
  });
});

describe("the day the evidence is asked for again", () => {
  it("is the notice window before the earliest expiry", () => {
    expect(evidenceRenewalDueOn(ledgerOf(VETTED), 30, TODAY)).toBe("2027-02-13");
    expect(evidenceRenewalDueOn(ledgerOf(VETTED), 10, TODAY)).toBe("2027-03-05");
  });

  it("is never before tomorrow, even for evidence that expires within the window or has expired", () => {
    expect(evidenceRenewalDueOn(ledgerOf(VETTED), 30, "2027-03-01")).toBe("2027-03-02");
    expect(evidenceRenewalDueOn(ledgerOf(VETTED), 30, "2027-04-01")).toBe("2027-04-02");
  });

  it("leaves out evidence a renewal round already asked for again: the next expiry's notice, or none", () => {
    expect(evidenceRenewalDueOn(ledgerOf([...VETTED, renewalAsked("insurance")]), 30, TODAY)).toBe(
      "2027-05-31",
    );
    expect(evidenceRenewalDueOn(ledgerOf([...VETTED, renewalAsked("insurance", "checks")]), 30, TODAY)).toBe(
      undefined,
    );
    // Renewed and verified since: the new evidence is asked for in its turn.
    const renewed = [
      ...VETTED,
      renewalAsked("insurance"),
      submitted(insurance("2028-03-15")),
      reviewed(verified("insurance")),
    ];
    expect(evidenceRenewalDueOn(ledgerOf(renewed), 30, TODAY)).toBe("2027-05-31");
  });

  it("is none without expiring evidence", () => {
    const declared = [submitted({ itemId: "policy", kind: "declaration" }), reviewed(verified("policy"))];
    expect(evidenceRenewalDueOn(ledgerOf(declared), 30, TODAY)).toBeUndefined();
  });
});

describe("the lapse", () => {
  it("is looked for the day after the earliest expiry", () => {
    expect(evidenceLapseDueOn(ledgerOf(VETTED))).toBe("2027-03-16");
    expect(evidenceLapseDueOn(ledgerOf([]))).toBeUndefined();
  });

  it("finds the evidence whose expiry date is over, not the evidence valid through today", () => {
    expect(lapsedEvidence(ledgerOf(VETTED), "2027-03-15")).toEqual([]);
    expect(lapsedEvidence(ledgerOf(VETTED), "2027-03-16")).toEqual([
      { itemId: "insurance", expiresOn: "2027-03-15" },
    ]);
  });

  it("is marked once: a lapse marked at risk is not found again, and the next expiry is looked for", () => {
    const marked = [...VETTED, lapseMarked("insurance", "2027-03-15")];
    expect(lapsedEvidence(ledgerOf(marked), "2027-04-01")).toEqual([]);
    expect(evidenceLapseDueOn(ledgerOf(marked))).toBe("2027-07-01");
  });

  it("finds nothing once renewed evidence was verified, even late; pending renewed evidence does not save it", () => {
    const sent = [...VETTED, submitted(insurance("2028-03-15"))];
    expect(lapsedEvidence(ledgerOf(sent), "2027-03-16").map((e) => e.itemId)).toEqual(["insurance"]);
    expect(lapsedEvidence(ledgerOf([...sent, reviewed(verified("insurance"))]), "2027-03-16")).toEqual([]);
  });
});

describe("vettingPassed", () => {
  it("is true once the stage moved on from the vetting", () => {
    expect(vettingPassed(ledgerOf(VETTED))).toBe(false);
    const moved = eventDraft("StageChanged", origin("system:workflow"), {
      from: "VETTING",
      to: "CONFIRMING_AUTHORITY",
      outcome: "vetted",
    });
    expect(vettingPassed(ledgerOf([...VETTED, moved]))).toBe(true);
  });
});

describe("expiryWords", () => {
  it("says expires on the day through its last day, expired after it", () => {
    expect(expiryWords("2027-03-15", "2027-03-15")).toBe("expires on March 15, 2027");
    expect(expiryWords("2027-03-15", "2027-03-16")).toBe("expired on March 15, 2027");
  });
});

describe("the schedules in the timeline's words", () => {
  it("names each kind in words", () => {
    expect(
      describeEvent({ type: "ScheduleSet", data: { kind: "evidence-lapse", dueOn: "2027-03-16" } }),
    ).toBe("The look for lapsed vetting evidence was scheduled for 2027-03-16");
    expect(describeEvent({ type: "ScheduleSet", data: { kind: "vetting-renewal", dueOn: null } })).toBe(
      "The vetting renewal is no longer scheduled",
    );
  });
});
