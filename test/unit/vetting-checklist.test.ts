import { describe, expect, it } from "vitest";
import { DEFAULT_CHECKLIST } from "#shared/config/vetting-checklist.ts";
import { applicableItems, conditionHolds, evidenceFlags } from "#shared/domain/vetting-checklist.ts";

const ids = (answers: Parameters<typeof applicableItems>[1]) =>
  applicableItems(DEFAULT_CHECKLIST, answers).map((item) => item.id);

const ALWAYS = ["organisation-legitimacy", "references", "partnering-policy", "conflict-of-interest"];

describe("the vetting checklist", () => {
  it("asks a guest speaker only what every partner gives", () => {
    expect(ids({ contributionTypes: ["speaker"], audiences: ["secondary"] })).toEqual(ALWAYS);
  });

  it("asks a work-experience host for insurance, checks, training and a privacy undertaking too, in order", () => {
    expect(ids({ contributionTypes: ["work-experience-placement"], audiences: ["secondary"] })).toEqual([
      "organisation-legitimacy",
      "references",
      "liability-insurance",
      "vulnerable-sector-checks",
      "safeguarding-training",
      "privacy-undertaking",
      "partnering-policy",
      "conflict-of-interest",
    ]);
  });

  it("asks an open-house host for insurance but no background checks", () => {
    expect(ids({ contributionTypes: ["open-house"], audiences: ["middle"] })).toEqual([
      "organisation-legitimacy",
      "references",
      "liability-insurance",
      "partnering-policy",
      "conflict-of-interest",
    ]);
  });

  it("combines conditions with all and any", () => {
    const minorsInPlacement = {
      all: [
        { anyContribution: ["work-experience-placement"] },
        { anyAudience: ["elementary", "middle", "secondary"] },
      ],
    } as const;
    expect(
      conditionHolds(minorsInPlacement, {
        contributionTypes: ["work-experience-placement"],
        audiences: ["adult"],
      }),
    ).toBe(false);
    expect(
      conditionHolds(minorsInPlacement, {
        contributionTypes: ["work-experience-placement"],
        audiences: ["middle"],
      }),
    ).toBe(true);
    expect(
      conditionHolds(
        { any: [{ anyAudience: ["adult"] }, { always: true }] },
        { contributionTypes: [], audiences: [] },
      ),
    ).toBe(true);
    expect(conditionHolds({ any: [] }, { contributionTypes: ["speaker"], audiences: ["adult"] })).toBe(false);
  });

  it("has unique item ids, and evidence that expires only where evidence is asked for", () => {
    const items = DEFAULT_CHECKLIST.items;
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const item of items) {
      if (item.answer === "declaration") expect(item.evidenceFields, item.id).toEqual([]);
    }
  });
});

describe("the automatic checks of evidence", () => {
  it("flags evidence lapsed by today, and evidence lapsing before the agreement's term ends; not declarations", () => {
    expect(
      evidenceFlags(
        [
          { itemId: "liability-insurance", kind: "evidence", expiresOn: "2026-12-03" },
          { itemId: "vulnerable-sector-checks", kind: "evidence", expiresOn: "2027-06-30" },
          { itemId: "safeguarding-training", kind: "evidence", expiresOn: "2028-01-01" },
          { itemId: "organisation-legitimacy", kind: "evidence" },
          { itemId: "references", kind: "declaration", expiresOn: "2020-01-01" },
        ],
        "2026-12-03",
        "2027-12-31",
      ),
    ).toEqual([
      { itemId: "liability-insurance", flag: "expired", expiresOn: "2026-12-03" },
      { itemId: "vulnerable-sector-checks", flag: "expires-within-term", expiresOn: "2027-06-30" },
    ]);
  });
});
