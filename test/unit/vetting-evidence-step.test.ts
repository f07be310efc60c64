/**
 * The vetting-evidence step's own tests (parse and page basics). They live here rather than beside the step,
 * in shared/steps/vetting-evidence/, which the document uploads' work is changing at the same time.
 */
import { describe, expect, it } from "vitest";
import type { EventDraft } from "#shared/domain/ledger.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { step } from "#shared/steps/vetting-evidence/index.ts";
import { CHECKLIST } from "../fixtures/onboarding-office.ts";
import { formOf, NOW } from "../fixtures/step-ledger.ts";
import { stepView } from "../fixtures/step-view.ts";

const view = (events: readonly EventDraft[] = []) => ({
  ...stepView({ events, decision: { kind: "vetting-evidence", assignee: "partner" } }),
  now: NOW,
});

describe("the vetting evidence step", () => {
  it("sends a complete checklist with the checklist's version and each item's answer", async () => {
    const parsed = await step.parse({ action: "send", ...CHECKLIST }, view());
    expect(parsed).toMatchObject({
      ok: true,
      answer: { outcome: "submitted", details: { checklistVersion: "2026-12-v1" } },
    });
    const items = parsed.ok === true ? (parsed.answer.details?.items as { itemId: string }[]) : [];
    expect(items.map((i) => i.itemId)).toHaveLength(8);
  });

  it("refuses a missing evidence detail and an expiry that is today, naming each field", async () => {
    const { "organisation-legitimacy.number": _, ...rest } = CHECKLIST;
    expect(
      await step.parse({ ...rest, action: "send", "liability-insurance.expiry": "2026-11-23" }, view()),
    ).toEqual({
      ok: false,
      errors: [
        { field: "organisation-legitimacy.number", message: "Required" },
        {
          field: "liability-insurance.expiry",
          message: "This has expired: give evidence that is still valid",
        },
      ],
    });
  });

  it("saves a draft of the requested items' fields only, trimmed, whatever else is posted", async () => {
    expect(
      await step.parse({ action: "save", "references.issuer": " Citadel High ", "other.field": "x" }, view()),
    ).toEqual({ ok: "draft", draft: { "references.issuer": "Citadel High" } });
    expect(await step.parse({}, view())).toMatchObject({ ok: false, errors: [{ field: "action" }] });
  });

  it("after a review, asks again for an item rejected, with the officer's reason; not for one verified", async () => {
    const origin = { partnershipId: "P", at: "2026-11-23T10:00:00.000Z" };
    const sent = eventDraft(
      "VettingEvidenceSubmitted",
      { ...origin, actor: "partner" },
      {
        kind: "vetting-evidence",
        decisionId: "E1",
        outcome: "submitted",
        comment: "",
        details: { checklistVersion: "2026-12-v1", items: [{ itemId: "references", kind: "declaration" }] },
      },
    );
    const reviewed = (outcome: string, verdict: Record<string, string>) =>
      eventDraft(
        "VettingReviewed",
        { ...origin, actor: "officer:officer@example.org" },
        {
          kind: "vetting-review",
          decisionId: "V1",
          outcome,
          comment: "",
          details: { verdicts: [{ itemId: "references", ...verdict }] },
        },
      );
    const rejected = [
      sent,
      reviewed("request-items", { verdict: "rejected", reason: "Two schools, please" }),
    ];
    const body = step.page({ ...view(rejected), form: formOf() }).body.value;
    expect(body).toContain("The officer asked for this again: “Two schools, please”");
    expect(step.requestDetails?.(view(rejected))).toMatchObject({
      items: expect.arrayContaining(["references"]),
    });
    const verified = [sent, reviewed("verify", { verdict: "verified" })];
    expect(step.requestDetails?.(view(verified))).toMatchObject({
      items: expect.not.arrayContaining(["references"]),
    });
  });

  it("its page has both buttons and no conflict-of-interest question (the partner answers it)", () => {
    const body = step.page({ ...view(), form: formOf({ "references.issuer": "Saved before" }) }).body.value;
    expect(body).toContain('name="action" value="save"');
    expect(body).toContain('name="action" value="send"');
    expect(body).toContain('value="Saved before"');
    expect(body).not.toContain('name="noConflict"');
    expect(
      step.initialValues({
        ...view(),
        decision: { ...view().decision, draft: { "references.issuer": "D" } },
      }),
    ).toEqual({
      "references.issuer": "D",
    });
  });
});
