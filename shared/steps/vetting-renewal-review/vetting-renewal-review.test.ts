import { describe, expect, it } from "vitest";
import { evidenceSent, formOf, NOW } from "../../../test/fixtures/step-ledger.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { REVETTING_STATE } from "../../../workflows/revetting/states.ts";
import { eventDraft } from "../../events/draft.ts";
import { step as review } from "../vetting-review/index.ts";
import { step } from "./index.ts";

const view = () => ({ ...stepView({ events: [evidenceSent()] }), now: NOW });

describe("the vetting renewal's review step", () => {
  it("routes within the renewal: verified → renewed, asked again → the partner, the second button → at risk", () => {
    expect(step.state).toBe(REVETTING_STATE.awaitRenewedReview);
    expect(Object.fromEntries(Object.entries(step.outcomes).map(([k, o]) => [k, o.next]))).toEqual({
      verify: REVETTING_STATE.recordRenewal,
      "request-items": REVETTING_STATE.awaitRenewedEvidence,
      decline: REVETTING_STATE.markAtRisk,
    });
    // Marking at risk asks for a deliberate confirmation too, which says what it does.
    expect(step.outcomes.decline?.ends).toBe(true);
    expect(step.outcomes.decline?.confirm).toMatch(/stays active, but is recorded as at risk/);
  });

  it("reads the same answers and records the same events as the vetting review", async () => {
    expect(step.events).toEqual(review.events);
    const fields = { "references.verdict": "verified", outcome: "decline", comment: "Lapsed" };
    expect(await step.parse(fields, view())).toEqual(await review.parse(fields, view()));
  });

  it("asks for the reason to mark the partnership at risk in its own words", async () => {
    expect(await step.parse({ outcome: "decline", comment: "" }, view())).toEqual({
      ok: false,
      errors: [
        { field: "comment", message: "Required: say why the partnership is at risk (the partner sees it)" },
      ],
    });
  });

  it("its page says it is a renewal, and offers to mark the partnership at risk rather than decline it", () => {
    const { title, body } = step.page({ ...view(), form: formOf() });
    expect(title).toMatch(/^Vetting renewal review: /);
    expect(body.value).toContain('value="decline" class="danger">Mark the partnership at risk…</button>');
    expect(body.value).toContain("is an active partner. It was asked for the items below again.");
    expect(body.value).toContain("Waive it again: at most 90 days more");
    expect(body.value).not.toContain("Decline the partnership");
    expect(body.value).toContain("required to mark the partnership at risk");
  });

  it("its page says which evidence was asked for again as it expires soon", () => {
    const asked = eventDraft(
      "VettingEvidenceRequested",
      { partnershipId: "P", at: "2028-09-01T10:00:00.000Z", actor: "system:workflow" },
      {
        kind: "vetting-renewal",
        decisionId: "R",
        assignee: "partner",
        dueAt: "2028-10-01T10:00:00.000Z",
        details: {
          checklistVersion: "2026-12-v1",
          items: ["liability-insurance"],
          expiring: [
            { itemId: "liability-insurance", title: "Liability insurance", expiresOn: "2028-09-30" },
          ],
        },
      },
    );
    const events = [asked, evidenceSent()];
    const { body } = step.page({ ...stepView({ events }), now: NOW, form: formOf() });
    expect(body.value).toContain(
      "Evidence the office verified expires soon, and was asked for again: Liability insurance, expiring September 30, 2028.",
    );
    expect(body.value).not.toContain("The office waived these items");
  });
});
