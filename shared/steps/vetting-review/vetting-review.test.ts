import { describe, expect, it } from "vitest";
import { CONFLICT_QUESTION, evidenceSent, formOf, NOW } from "../../../test/fixtures/step-ledger.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { parseAnswer } from "../officer-steps.ts";
import { step } from "./index.ts";

const view = () => ({ ...stepView({ events: [evidenceSent()] }), now: NOW });
const ITEMS = [
  "organisation-legitimacy",
  "references",
  "liability-insurance",
  "vulnerable-sector-checks",
  "safeguarding-training",
  "privacy-undertaking",
  "partnering-policy",
  "conflict-of-interest",
];
const verified = Object.fromEntries(ITEMS.map((id) => [`${id}.verdict`, "verified"]));

describe("the vetting review step", () => {
  it("verifies when every item sent is verified or waived; asks again when any is rejected", async () => {
    expect(await step.parse({ ...verified, outcome: "record" }, view())).toMatchObject({
      ok: true,
      answer: { outcome: "verify" },
    });
    const waived = {
      ...verified,
      "references.verdict": "waived",
      "references.reason": "Sending next month",
      "references.until": "2027-01-15",
      outcome: "record",
    };
    expect(await step.parse(waived, view())).toMatchObject({ ok: true, answer: { outcome: "verify" } });
    const rejected = {
      ...waived,
      "privacy-undertaking.verdict": "rejected",
      "privacy-undertaking.reason": "Sign it",
    };
    expect(await step.parse(rejected, view())).toMatchObject({
      ok: true,
      answer: { outcome: "request-items" },
    });
  });

  it("refuses a waiver over 90 days, a missing verdict, and a decline without a reason", async () => {
    expect(
      await step.parse(
        {
          ...verified,
          "references.verdict": "waived",
          "references.reason": "Later",
          "references.until": "2027-02-22",
          "partnering-policy.verdict": "",
          outcome: "record",
        },
        view(),
      ),
    ).toEqual({
      ok: false,
      errors: [
        { field: "references.until", message: "A waiver lasts at most 90 days: end it by 2027-02-21" },
        { field: "partnering-policy.verdict", message: "Required: verify, ask again or waive" },
      ],
    });
    expect(await step.parse({ outcome: "decline" }, view())).toEqual({
      ok: false,
      errors: [{ field: "comment", message: "Required: say why the partnership is declined" }],
    });
  });

  it("a decision needs the no-conflict declaration, recorded with it", async () => {
    expect(await parseAnswer(step, { ...verified, outcome: "record" }, view())).toMatchObject({
      ok: false,
      errors: [{ field: "noConflict" }],
    });
    expect(
      await parseAnswer(step, { ...verified, outcome: "record", noConflict: "yes" }, view()),
    ).toMatchObject({
      ok: true,
      answer: { details: { noConflictDeclared: true } },
    });
  });

  it("its page shows each item's evidence and asks the conflict-of-interest question", () => {
    const { body } = step.page({ ...view(), form: formOf() });
    for (const part of CONFLICT_QUESTION) expect(body.value).toContain(part);
    expect(body.value).toContain("Maple Mutual");
    expect(body.value).toContain('name="liability-insurance.verdict"');
    expect(body.value).toContain("A waiver may end no later than February 21, 2027.");
  });

  it("only a decline ends the partnership, and its email goes to the assigned officer", () => {
    expect(
      Object.entries(step.outcomes)
        .filter(([, o]) => o.ends)
        .map(([k]) => k),
    ).toEqual(["decline"]);
    const mail = step.email({ ...view(), url: "https://partners.example.org/vetting-review/T" });
    expect(mail.to).toEqual(["officer@example.org"]);
    expect(mail.text).toContain("https://partners.example.org/vetting-review/T");
  });
});
