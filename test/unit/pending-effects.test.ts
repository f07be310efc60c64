import { describe, expect, it } from "vitest";
import { chainEvent, type EventDraft, type LedgerEvent } from "#shared/domain/ledger.ts";
import { alreadyAppended } from "#shared/domain/pending-effects.ts";

const P = "01KAW0000000000000000000PP";
const draft = (type: string, at = "2026-11-23T10:00:00.000Z", data = {}): EventDraft => ({
  partnershipId: P,
  at,
  actor: "system:workflow",
  step: "AssessNeeds",
  type,
  data,
});

function ledger(...drafts: EventDraft[]): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const d of drafts) events.push(chainEvent(events.at(-1), d));
  return events;
}

describe("alreadyAppended", () => {
  const owed = [
    draft("StageChanged", undefined, { from: "SUBMITTED", to: "ASSESSING" }),
    draft("NeedsAssessed"),
  ];
  const before = draft("IntakeSubmitted", "2026-11-23T09:00:00.000Z");

  it("finds none of them when the ledger ends before them", () => {
    expect(alreadyAppended(ledger(before), owed)).toBe(0);
  });

  it("finds the first when only it was written", () => {
    expect(alreadyAppended(ledger(before, owed[0] as EventDraft).slice(-2), owed)).toBe(1);
  });

  it("finds all of them when all were written", () => {
    expect(alreadyAppended(ledger(before, ...owed).slice(-2), owed)).toBe(2);
  });

  it("does not take an event of another write (another time, or other data) for one of them", () => {
    const earlierRound = draft("NeedsAssessed", "2026-11-20T10:00:00.000Z");
    expect(alreadyAppended(ledger(before, earlierRound), [draft("NeedsAssessed")])).toBe(0);
    const otherData = draft("StageChanged", undefined, { from: "SUBMITTED", to: "DECLINED" });
    expect(alreadyAppended(ledger(before, otherData), owed)).toBe(0);
  });

  it("treats a missing step and no step alike, as the stored event has none", () => {
    const { step: _, ...noStep } = draft("WorkflowFailed");
    expect(alreadyAppended(ledger(before, noStep), [{ ...noStep, step: undefined }])).toBe(1);
  });
});
