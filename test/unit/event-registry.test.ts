import { describe, expect, it } from "vitest";
import { eventDraft } from "#shared/events/draft.ts";
import { describeEvent, describeForPartner } from "#shared/events/registry.ts";

const origin = { partnershipId: "P", at: "2026-11-23T10:00:00.000Z", actor: "officer:o@example.org" };

describe("the ledger event registry", () => {
  it("builds a draft of a registered type with its data", () => {
    expect(
      eventDraft(
        "StageChanged",
        { ...origin, step: "ApproveForVetting" },
        { from: "ASSESSING", to: "VETTING" },
      ),
    ).toEqual({
      ...origin,
      step: "ApproveForVetting",
      type: "StageChanged",
      data: { from: "ASSESSING", to: "VETTING" },
    });
  });

  it("says each event in words for the auditor, from its data", () => {
    expect(
      describeEvent({
        type: "StageChanged",
        data: { from: "ASSESSING", to: "VETTING", outcome: "approved" },
      }),
    ).toBe("The stage changed from ASSESSING to VETTING (approved)");
    expect(
      describeEvent({
        type: "OfficerDecided",
        data: { kind: "intake-review", decisionId: "D", outcome: "decline", comment: "Too far" },
      }),
    ).toBe("The officer decided: decline (“Too far”)");
  });

  it("names an event it does not know, and one whose data does not fit its schema, rather than guessing", () => {
    expect(describeEvent({ type: "Mystery", data: {} })).toBe(
      "Mystery (an event type this version does not know)",
    );
    expect(describeEvent({ type: "StageChanged", data: { from: 3 } })).toBe(
      "StageChanged (its data does not match its schema)",
    );
    expect(describeEvent({ type: "toString", data: {} })).toBe(
      "toString (an event type this version does not know)",
    );
  });

  it("tells the partner what is theirs to know: stages by name, the officer's words, nothing internal", () => {
    expect(describeForPartner({ type: "StageChanged", data: { from: "ASSESSING", to: "VETTING" } })).toBe(
      "Vetting",
    );
    expect(
      describeForPartner({
        type: "OfficerDecided",
        data: { kind: "intake-review", decisionId: "D", outcome: "approve", comment: "Welcome" },
      }),
    ).toBe("Approved to go on to vetting: “Welcome”");
    expect(
      describeForPartner({
        type: "OfficerDecided",
        data: { kind: "intake-review", decisionId: "D", outcome: "approve", comment: "" },
      }),
    ).toBe("Approved to go on to vetting");
    // The lead may erase without the partner asking: the page says who did it, not that it was asked for.
    expect(
      describeForPartner({ type: "PersonalDataErased", data: { stage: "ACTIVE", erasedBy: "u1" } }),
    ).toBe("Your personal data was erased by the partnerships office");
    expect(describeForPartner({ type: "NeedsAssessed", data: {} })).toBeUndefined();
    expect(describeForPartner({ type: "WorkflowFailed", data: { error: "E", cause: "c" } })).toBeUndefined();
    expect(describeForPartner({ type: "OfficerDecisionRequested", data: {} })).toBeUndefined();
  });
});
