/** Who signs for the organisation, folded from the ledger: the intake's signatory, delegations, a confirmation. */
import { describe, expect, it } from "vitest";
import { signatoryState } from "#shared/domain/signatory-state.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ledgerOf } from "../fixtures/step-view.ts";

const intake = makeIntake();
const answered = (actor: string, outcome: string, details: Record<string, unknown>) =>
  eventDraft(
    "AuthorityConfirmationAnswered",
    { partnershipId: "P", at: "2026-11-23T10:00:00.000Z", actor },
    { kind: "signatory-confirmation", decisionId: `D-${outcome}`, outcome, comment: "", details },
  );
const person = (name: string, email: string) => ({ name, title: "Director", email });
const delegation = (from: string, to: ReturnType<typeof person>) =>
  answered(`signatory:${from}`, "delegate", { delegate: to });
const confirmation = (who: ReturnType<typeof person>, extra: Record<string, unknown> = {}) =>
  answered(`signatory:${who.email}`, "confirm", { signatory: who, checkReasons: [], ...extra });

describe("signatoryState", () => {
  it("is the intake's signatory, unconfirmed, before anyone answers", () => {
    expect(signatoryState(intake, [])).toEqual({ signatory: intake.signatory, delegations: 0 });
  });

  it("follows a chain of delegations: each replaces the one before, and a confirmation before it no longer counts", () => {
    const amara = person("Amara Singh", "amara@harbourviewsupplies.ca");
    const li = person("Li Chen", "li@harbourviewsupplies.ca");
    const state = signatoryState(
      intake,
      ledgerOf([
        confirmation(intake.signatory),
        delegation(intake.signatory.email, amara),
        delegation(amara.email, li),
      ]),
    );
    expect(state).toEqual({ signatory: li, delegations: 2 });
    expect(state.confirmed).toBeUndefined();
  });

  it("a confirmation keeps the name and title as confirmed, the evidence and the reasons to check", () => {
    const confirmed = { ...intake.signatory, title: "Chief Operating Officer" };
    const state = signatoryState(
      intake,
      ledgerOf([
        confirmation(confirmed, { evidence: "Board resolution 14", checkReasons: ["email-domain-differs"] }),
      ]),
    );
    expect(state).toEqual({
      signatory: confirmed,
      delegations: 0,
      confirmed: { evidence: "Board resolution 14", checkReasons: ["email-domain-differs"] },
    });
  });

  it("the delegate's confirmation is the one that counts", () => {
    const amara = person("Amara Singh", "amara@harbourviewsupplies.ca");
    const state = signatoryState(
      intake,
      ledgerOf([delegation(intake.signatory.email, amara), confirmation({ ...amara, title: "CEO" })]),
    );
    expect(state.signatory).toEqual({ ...amara, title: "CEO" });
    expect(state.delegations).toBe(1);
    expect(state.confirmed).toEqual({ evidence: undefined, checkReasons: [] });
  });

  it("ignores other events and answers without details of either shape", () => {
    const odd = answered("signatory:x@y.ca", "confirm", { something: "else" });
    const other = eventDraft(
      "StageChanged",
      { partnershipId: "P", at: "2026-11-23T10:00:00.000Z", actor: "system:workflow" },
      { from: "VETTING", to: "CONFIRMING_AUTHORITY" },
    );
    expect(signatoryState(intake, ledgerOf([odd, other]))).toEqual({
      signatory: intake.signatory,
      delegations: 0,
    });
  });
});
