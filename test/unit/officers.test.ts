/** Who decides an officer's step: conflicts of interest from the ledger, exclusions, the lead, nobody. */
import { describe, expect, it } from "vitest";
import { conflictedOfficers, officerFor, officerOf } from "#shared/domain/officers.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { assignOfficer } from "#shared/steps/officer-steps.ts";
import { OFFICE_CONFIG } from "../fixtures/onboarding-office.ts";
import { ledgerOf, stepView } from "../fixtures/step-view.ts";

const A = "a@example.org";
const B = "b@example.org";
const LEAD = "lead@example.org";
const decided = (actor: string, outcome: string) =>
  eventDraft(
    "VettingReviewed",
    { partnershipId: "P", at: "2026-11-23T10:00:00.000Z", actor },
    { kind: "vetting-review", decisionId: `D-${actor}-${outcome}`, outcome, comment: "" },
  );

describe("officerOf", () => {
  it("reads an officer's address from their actor name, and nothing from another actor", () => {
    expect(officerOf(`officer:${A}`)).toBe(A);
    expect(officerOf("partner")).toBeUndefined();
    expect(officerOf(`signatory:${A}`)).toBeUndefined();
  });
});

describe("conflictedOfficers", () => {
  it("collects the officers who declared a conflict, in any step, and no one else", () => {
    const events = ledgerOf([
      decided(`officer:${A}`, "conflict"),
      decided(`officer:${B}`, "verify"),
      decided("partner", "conflict"),
    ]);
    expect(conflictedOfficers(events)).toEqual(new Set([A]));
  });
});

describe("officerFor", () => {
  const roster = { officers: [A, B], lead: LEAD };
  const someIds = ["01KAW0000000000000000000PP", "01KAW0000000000000000000PQ", "p-1", "p-2", "p-3", "p-4"];

  it("is stable for a partnership, and spreads partnerships across the officers", () => {
    for (const id of someIds)
      expect(officerFor(id, roster, new Set())).toBe(officerFor(id, roster, new Set()));
    expect(new Set(someIds.map((id) => officerFor(id, roster, new Set())))).toEqual(new Set([A, B]));
  });

  it("never chooses an excluded officer; the lead when no officer is left; nobody when the lead is excluded too", () => {
    for (const id of someIds) expect(officerFor(id, roster, new Set([A]))).toBe(B);
    expect(officerFor("p-1", roster, new Set([A, B]))).toBe(LEAD);
    expect(officerFor("p-1", roster, new Set([A, B, LEAD]))).toBeUndefined();
    expect(officerFor("p-1", { officers: [A] }, new Set([A]))).toBeUndefined();
  });

  it("the lead decides only when no officer may", () => {
    for (const id of someIds) expect(officerFor(id, roster, new Set())).not.toBe(LEAD);
  });
});

describe("assignOfficer", () => {
  const view = (drafts: Parameters<typeof ledgerOf>[0]) => {
    const { partnership, events } = stepView({ events: drafts });
    return { partnership, events, config: OFFICE_CONFIG };
  };
  const [first = "", second = ""] = OFFICE_CONFIG.OFFICER_EMAILS;

  it("keeps out the officers the ledger says declared a conflict, and the ones excluded", () => {
    const chosen = assignOfficer(view([]));
    const other = chosen === first ? second : first;
    expect(assignOfficer(view([decided(`officer:${chosen}`, "conflict")]))).toBe(other);
    expect(assignOfficer(view([]), [chosen])).toBe(other);
    expect(assignOfficer(view([decided(`officer:${chosen}`, "conflict")]), [other ?? ""])).toBe(
      OFFICE_CONFIG.LEAD_EMAIL,
    );
  });

  it("throws a named error when nobody is left", () => {
    const all = [first, second, OFFICE_CONFIG.LEAD_EMAIL].map((o) => decided(`officer:${o}`, "conflict"));
    expect(() => assignOfficer(view(all))).toThrow(
      expect.objectContaining({ name: "NoOfficerAvailableError" }),
    );
  });
});
