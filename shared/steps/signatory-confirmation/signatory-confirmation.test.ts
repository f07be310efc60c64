import { describe, expect, it } from "vitest";
import { makeIntake } from "../../../test/fixtures/intake.ts";
import { formOf } from "../../../test/fixtures/step-ledger.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { eventDraft } from "../../events/draft.ts";
import { step } from "./index.ts";

const { signatory } = makeIntake();
/** The partnership's assessment found this web domain for the organisation (none: no website to compare). */
const view = (domain: string | null = "harbourviewsupplies.ca") =>
  stepView({
    partnership: domain ? { assessment: { organisationDomain: domain } } : {},
    decision: { kind: "signatory-confirmation", assignee: signatory.email },
  });
const confirm = { action: "confirm", name: signatory.name, title: signatory.title, authority: "yes" };

describe("the signatory confirmation step", () => {
  it("confirms at the organisation's domain without a check, elsewhere for an officer to verify", async () => {
    expect(await step.parse(confirm, view())).toMatchObject({
      ok: true,
      answer: { outcome: "confirm", details: { signatory: { email: signatory.email }, checkReasons: [] } },
    });
    expect(await step.parse(confirm, view("elsewhere.org"))).toMatchObject({
      ok: true,
      answer: { outcome: "confirm-unverified", details: { checkReasons: ["email-domain-differs"] } },
    });
    expect(await step.parse(confirm, view(null))).toMatchObject({
      answer: { outcome: "confirm-unverified" },
    });
  });

  it("refuses a confirmation without the authority ticked or a name, and an unknown button", async () => {
    expect(await step.parse({ ...confirm, authority: "", name: "" }, view())).toMatchObject({
      ok: false,
      errors: [{ field: "name" }, { field: "authority" }],
    });
    expect(await step.parse({ action: "maybe" }, view())).toEqual({
      ok: false,
      errors: [{ field: "action", message: "Choose one of the buttons" }],
    });
  });

  it("delegates to another person by email, not to oneself", async () => {
    const to = { "delegate.name": "Amara Singh", "delegate.title": "CEO", "delegate.email": "amara@x.ca" };
    expect(await step.parse({ action: "delegate", ...to }, view())).toEqual({
      ok: true,
      answer: {
        outcome: "delegate",
        comment: "",
        details: { delegate: { name: "Amara Singh", title: "CEO", email: "amara@x.ca" } },
      },
    });
    expect(
      await step.parse({ action: "delegate", ...to, "delegate.email": signatory.email }, view()),
    ).toMatchObject({
      ok: false,
      errors: [{ field: "delegate.email" }],
    });
    expect(await step.parse({ action: "delegate", ...to, "delegate.email": "nope" }, view())).toMatchObject({
      ok: false,
      errors: [{ field: "delegate.email" }],
    });
  });

  it("hands the signing on at most three times", async () => {
    const handedOn = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        eventDraft(
          "AuthorityConfirmationAnswered",
          { partnershipId: "P", at: "2026-11-23T10:00:00.000Z", actor: `signatory:person${i}@x.ca` },
          {
            kind: "signatory-confirmation",
            decisionId: `A${i}`,
            outcome: "delegate",
            comment: "",
            details: { delegate: { name: `Person ${i + 1}`, title: "CEO", email: `person${i + 1}@x.ca` } },
          },
        ),
      );
    const to = { "delegate.name": "Amara Singh", "delegate.title": "CEO", "delegate.email": "amara@x.ca" };
    const handedOnTimes = (n: number) => ({
      ...stepView({ events: handedOn(n) }),
      decision: view().decision,
    });
    expect(await step.parse({ action: "delegate", ...to }, handedOnTimes(2))).toMatchObject({ ok: true });
    expect(await step.parse({ action: "delegate", ...to }, handedOnTimes(3))).toMatchObject({
      ok: false,
      errors: [{ field: "action", message: expect.stringContaining("handed on 3 times") }],
    });
    expect(await step.parse(confirm, handedOnTimes(3))).toMatchObject({ ok: true });
  });

  it("is asked of the signatory, or of the person they delegated to", () => {
    const base = stepView();
    expect(step.assignee(base)).toBe(signatory.email);
    const delegated = stepView({
      events: [
        eventDraft(
          "AuthorityConfirmationAnswered",
          { partnershipId: "P", at: "2026-11-23T10:00:00.000Z", actor: `signatory:${signatory.email}` },
          {
            kind: "signatory-confirmation",
            decisionId: "A1",
            outcome: "delegate",
            comment: "",
            details: { delegate: { name: "Amara Singh", title: "CEO", email: "amara@x.ca" } },
          },
        ),
      ],
    });
    expect(step.assignee(delegated)).toBe("amara@x.ca");
    expect(step.initialValues(delegated)).toEqual({ name: "Amara Singh", title: "CEO" });
  });

  it("shows an officer's request for evidence, and only that request", () => {
    const at = "2026-11-23T10:00:00.000Z";
    const asked = eventDraft(
      "AuthorityVerificationDecided",
      { partnershipId: "P", at, actor: "officer:officer@example.org" },
      {
        kind: "authority-verification",
        decisionId: "V1",
        outcome: "request-evidence",
        comment: "The board resolution",
      },
    );
    const answered = (outcome: string, details: Record<string, unknown>) =>
      eventDraft(
        "AuthorityConfirmationAnswered",
        { partnershipId: "P", at, actor: `signatory:${signatory.email}` },
        { kind: "signatory-confirmation", decisionId: "A2", outcome, comment: "", details },
      );
    const delegation = answered("delegate", {
      delegate: { name: "Amara Singh", title: "CEO", email: "amara@x.ca" },
    });
    const confirmation = answered("confirm-unverified", {
      signatory: { name: "Amara Singh", title: "CEO", email: "amara@x.ca" },
      checkReasons: [],
    });
    expect(step.request?.({}, stepView({ events: [asked] }))).toBe("The board resolution");
    // A delegate is asked what the one before them was asked; a confirmation answers it.
    expect(step.request?.({}, stepView({ events: [asked, delegation] }))).toBe("The board resolution");
    expect(step.request?.({}, stepView({ events: [asked, delegation, confirmation] }))).toBeUndefined();
    expect(step.request?.({}, stepView())).toBeUndefined();
    const page = step.page({
      ...stepView({ decision: { request: "The board resolution" } }),
      form: formOf(),
    }).body.value;
    expect(page).toContain("The office asks: “The board resolution”");
    expect(page).toContain('name="action" value="delegate"');
    // Not an officer's step: no conflict-of-interest question.
    expect(page).not.toContain('name="noConflict"');
  });
});
