/**
 * The vetting's fold over the ledger: the checklist version pinned, each applicable item's evidence and
 * verdict, which items are asked for (never answered, rejected, waiver ended) and reviewed, and the verifier.
 */
import { describe, expect, it } from "vitest";
import type { EventDraft } from "#shared/domain/ledger.ts";
import type { Checklist } from "#shared/domain/vetting-checklist.ts";
import {
  itemsToRequest,
  itemsToReview,
  pinnedChecklistVersion,
  vettingRenewalDueOn,
  vettingState,
  vettingVerifiers,
} from "#shared/domain/vetting-state.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { ledgerOf } from "../fixtures/step-view.ts";

const CHECKLIST: Checklist = {
  version: "test-v2",
  items: [
    {
      id: "legal",
      title: "Legal",
      guidance: "g",
      answer: "evidence",
      evidenceFields: ["issuer", "number"],
      appliesWhen: { always: true },
    },
    {
      id: "policy",
      title: "Policy",
      guidance: "g",
      answer: "declaration",
      evidenceFields: [],
      appliesWhen: { always: true },
    },
    {
      id: "insurance",
      title: "Insurance",
      guidance: "g",
      answer: "evidence",
      evidenceFields: ["issuer", "expiry"],
      appliesWhen: { anyContribution: ["work-experience-placement"] },
    },
    {
      id: "speakers",
      title: "Speakers",
      guidance: "g",
      answer: "declaration",
      evidenceFields: [],
      appliesWhen: { anyContribution: ["speaker"] },
    },
  ],
};
const ANSWERS = { contributionTypes: ["work-experience-placement"], audiences: ["secondary"] } as const;
const origin = (actor: string) => ({ partnershipId: "P", at: "2026-11-23T10:00:00.000Z", actor });

const requested = (version: string, items: string[] = []) =>
  eventDraft("VettingEvidenceRequested", origin("system:workflow"), {
    kind: "vetting-evidence",
    decisionId: `R-${version}`,
    assignee: "partner",
    dueAt: "2026-12-23T10:00:00.000Z",
    details: { checklistVersion: version, items },
  });
const submitted = (items: Record<string, unknown>[]) =>
  eventDraft("VettingEvidenceSubmitted", origin("partner"), {
    kind: "vetting-evidence",
    decisionId: "S",
    outcome: "submitted",
    comment: "",
    details: { checklistVersion: CHECKLIST.version, items },
  });
const reviewed = (officer: string, outcome: string, verdicts: Record<string, unknown>[]) =>
  eventDraft("VettingReviewed", origin(`officer:${officer}`), {
    kind: "vetting-review",
    decisionId: "V",
    outcome,
    comment: "",
    details: { verdicts },
  });

const ALL_SENT = [
  { itemId: "legal", kind: "evidence", issuer: "Registry", number: "123" },
  { itemId: "policy", kind: "declaration" },
  { itemId: "insurance", kind: "evidence", issuer: "Maple", expiresOn: "2028-01-31" },
];
const verified = (...ids: string[]) => ids.map((itemId) => ({ itemId, verdict: "verified" }));

function stateOf(drafts: EventDraft[]) {
  return vettingState(CHECKLIST, ANSWERS, ledgerOf(drafts));
}
const statuses = (drafts: EventDraft[]) =>
  Object.fromEntries(stateOf(drafts).items.map((s) => [s.item.id, s.status]));
const ids = (items: { item: { id: string } }[]) => items.map((s) => s.item.id);

describe("pinnedChecklistVersion", () => {
  it("is the version the first request named; later requests do not change it", () => {
    expect(pinnedChecklistVersion(ledgerOf([requested("v1"), requested("v2")]))).toBe("v1");
  });

  it("is undefined before any request, and skips a request without a version", () => {
    expect(pinnedChecklistVersion([])).toBeUndefined();
    const bare = eventDraft("VettingEvidenceRequested", origin("system:workflow"), {
      kind: "vetting-evidence",
      decisionId: "R0",
      assignee: "partner",
      dueAt: "2026-12-23T10:00:00.000Z",
    });
    expect(pinnedChecklistVersion(ledgerOf([bare, requested("v3")]))).toBe("v3");
  });
});

describe("vettingState", () => {
  it("lists only the items that apply, all asked for at first", () => {
    expect(statuses([requested(CHECKLIST.version)])).toEqual({
      legal: "requested",
      policy: "requested",
      insurance: "requested",
    });
    expect(stateOf([]).checklistVersion).toBe("test-v2");
  });

  it("evidence sent, then each verdict with who gave it", () => {
    const drafts = [
      submitted(ALL_SENT),
      reviewed("a@example.org", "request-items", [
        ...verified("legal"),
        { itemId: "policy", verdict: "rejected", reason: "Sign it" },
        { itemId: "insurance", verdict: "waived", reason: "Renewing", waivedUntil: "2027-01-31" },
      ]),
    ];
    expect(statuses([submitted(ALL_SENT)])).toEqual({
      legal: "submitted",
      policy: "submitted",
      insurance: "submitted",
    });
    const state = stateOf(drafts);
    expect(Object.fromEntries(state.items.map((s) => [s.item.id, s.status]))).toEqual({
      legal: "verified",
      policy: "rejected",
      insurance: "waived",
    });
    expect(state.items[0]).toMatchObject({
      evidence: { itemId: "legal", issuer: "Registry", number: "123" },
      verdict: { verdict: "verified" },
      verdictBy: "officer:a@example.org",
    });
  });

  it("a rejected item is asked for again; the new evidence clears the verdict, for the officer to review", () => {
    const rejected = [
      submitted(ALL_SENT),
      reviewed("a@example.org", "request-items", [
        ...verified("legal", "insurance"),
        { itemId: "policy", verdict: "rejected", reason: "Sign it" },
      ]),
    ];
    expect(ids(itemsToRequest(stateOf(rejected), "2026-11-23"))).toEqual(["policy"]);
    expect(ids(itemsToReview(stateOf(rejected)))).toEqual([]);
    const resent = [...rejected, submitted([{ itemId: "policy", kind: "declaration" }])];
    expect(ids(itemsToRequest(stateOf(resent), "2026-11-23"))).toEqual([]);
    expect(ids(itemsToReview(stateOf(resent)))).toEqual(["policy"]);
    expect(stateOf(resent).items.find((s) => s.item.id === "policy")?.verdict).toBeUndefined();
    // The items verified stay verified.
    expect(statuses(resent)).toEqual({ legal: "verified", policy: "submitted", insurance: "verified" });
  });

  it("a waiver is not asked for again until it has ended: on its last day it still holds", () => {
    const drafts = [
      submitted(ALL_SENT),
      reviewed("a@example.org", "verify", [
        ...verified("legal", "policy"),
        { itemId: "insurance", verdict: "waived", reason: "Renewing", waivedUntil: "2027-01-31" },
      ]),
    ];
    expect(ids(itemsToRequest(stateOf(drafts), "2027-01-31"))).toEqual([]);
    expect(ids(itemsToRequest(stateOf(drafts), "2027-02-01"))).toEqual(["insurance"]);
  });

  it("given the notice window's end, verified evidence expiring by then is asked for again; declarations never", () => {
    const drafts = [
      submitted(ALL_SENT),
      reviewed("a@example.org", "verify", verified("legal", "policy", "insurance")),
    ];
    // Without a window (the onboarding's own vetting): nothing.
    expect(ids(itemsToRequest(stateOf(drafts), "2027-12-01"))).toEqual([]);
    expect(ids(itemsToRequest(stateOf(drafts), "2027-12-01", "2028-01-30"))).toEqual([]);
    expect(ids(itemsToRequest(stateOf(drafts), "2027-12-01", "2028-01-31"))).toEqual(["insurance"]);
    // Renewed evidence sent is for the officer now, not asked for again.
    const resent = [...drafts, submitted([{ ...ALL_SENT[2], expiresOn: "2029-01-31" }])];
    expect(ids(itemsToRequest(stateOf(resent), "2027-12-01", "2028-01-31"))).toEqual([]);
  });

  it("skips a malformed submission rather than trusting it", () => {
    const malformed = eventDraft("VettingEvidenceSubmitted", origin("partner"), {
      kind: "vetting-evidence",
      decisionId: "S",
      outcome: "submitted",
      comment: "",
      details: { items: [{ itemId: "legal", kind: "forged" }] },
    });
    expect(statuses([malformed]).legal).toBe("requested");
  });
});

describe("vettingVerifiers", () => {
  it("are every officer whose review verified an item or let the vetting pass, in any round", () => {
    const drafts = [
      submitted(ALL_SENT),
      // The first round verifies all but one item, which it asks for again.
      reviewed("first@example.org", "request-items", [
        ...verified("legal"),
        { itemId: "policy", verdict: "rejected", reason: "x" },
      ]),
      submitted([{ itemId: "policy", kind: "declaration" }]),
      reviewed("second@example.org", "verify", verified("policy")),
    ];
    expect([...vettingVerifiers(ledgerOf(drafts))]).toEqual([
      "officer:first@example.org",
      "officer:second@example.org",
    ]);
    expect([...vettingVerifiers(ledgerOf(drafts.slice(0, 1)))]).toEqual([]);
  });

  it("not one who only asked for items again, nor one who declared a conflict", () => {
    const drafts = [
      submitted(ALL_SENT),
      reviewed("asker@example.org", "request-items", [
        { itemId: "policy", verdict: "rejected", reason: "x" },
      ]),
      reviewed("a@example.org", "conflict", []),
    ];
    expect([...vettingVerifiers(ledgerOf(drafts))]).toEqual([]);
  });
});

describe("vettingRenewalDueOn", () => {
  const waived = (itemId: string, waivedUntil: string) => ({
    itemId,
    verdict: "waived",
    reason: "Renewing",
    waivedUntil,
  });

  it("is the day after the earliest waiver in force ends", () => {
    const drafts = [
      submitted(ALL_SENT),
      reviewed("a@example.org", "verify", [
        ...verified("legal"),
        waived("policy", "2027-03-31"),
        waived("insurance", "2027-01-31"),
      ]),
    ];
    expect(vettingRenewalDueOn(ledgerOf(drafts))).toBe("2027-02-01");
  });

  it("is undefined with no waiver, and once the waived item's new evidence is sent or verified", () => {
    expect(
      vettingRenewalDueOn(ledgerOf([submitted(ALL_SENT), reviewed("a", "verify", verified("legal"))])),
    ).toBe(undefined);
    const waivedOnce = [submitted(ALL_SENT), reviewed("a", "verify", [waived("insurance", "2027-01-31")])];
    const resent = [...waivedOnce, submitted([ALL_SENT[2] as Record<string, unknown>])];
    expect(vettingRenewalDueOn(ledgerOf(resent))).toBeUndefined();
    expect(vettingRenewalDueOn(ledgerOf([...resent, reviewed("b", "verify", verified("insurance"))]))).toBe(
      undefined,
    );
  });

  it("follows a waiver granted again: the later end counts", () => {
    const drafts = [
      submitted(ALL_SENT),
      reviewed("a", "verify", [waived("insurance", "2027-01-31")]),
      submitted([ALL_SENT[2] as Record<string, unknown>]),
      reviewed("b", "verify", [waived("insurance", "2027-04-30")]),
    ];
    expect(vettingRenewalDueOn(ledgerOf(drafts))).toBe("2027-05-01");
  });
});

describe("vettingVerifiers and the renewal", () => {
  it("counts an officer who verified the vetting's renewal too: segregation of duties stays on the safe side", () => {
    const renewalReview = eventDraft("VettingReviewed", origin("officer:b@example.org"), {
      kind: "vetting-renewal-review",
      decisionId: "R",
      outcome: "verify",
      comment: "",
      details: { verdicts: verified("references") },
    });
    const verifiers = vettingVerifiers(
      ledgerOf([submitted(ALL_SENT), reviewed("a@example.org", "verify", verified("legal")), renewalReview]),
    );
    expect([...verifiers].sort()).toEqual(["officer:a@example.org", "officer:b@example.org"]);
  });
});
