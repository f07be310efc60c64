import { describe, expect, it } from "vitest";
import { chainEvent, type EventDraft, type LedgerEvent } from "#shared/domain/ledger.ts";
import { missingDrafts } from "#shared/domain/pending-effects.ts";
import type { EventType } from "#shared/events/registry.ts";

const P = "01KAW0000000000000000000PP";
const draft = (type: EventType, at = "2026-11-23T10:00:00.000Z", data = {}): EventDraft => ({
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

describe("missingDrafts", () => {
  const moved = draft("StageChanged", undefined, { from: "SUBMITTED", to: "ASSESSING" });
  const assessed = draft("NeedsAssessed");
  const before = draft("IntakeSubmitted", "2026-11-23T09:00:00.000Z");
  const foreign = { ...draft("OfficerDecided", "2026-11-23T10:00:05.000Z"), actor: "officer:o@example.org" };

  it("gives all of them when none was appended", () => {
    expect(missingDrafts(ledger(before), [moved, assessed])).toEqual([moved, assessed]);
  });

  it("gives the second when only the first was appended", () => {
    expect(missingDrafts(ledger(before, moved), [moved, assessed])).toEqual([assessed]);
  });

  it("gives none when both were appended, even with another writer's event after them", () => {
    expect(missingDrafts(ledger(before, moved, assessed, foreign), [moved, assessed])).toEqual([]);
    expect(missingDrafts(ledger(before, moved, foreign), [moved, assessed])).toEqual([assessed]);
  });

  it("does not take an event of another write (another time, or other data) for one of them", () => {
    const earlierRound = draft("NeedsAssessed", "2026-11-20T10:00:00.000Z");
    expect(missingDrafts(ledger(before, earlierRound), [assessed])).toEqual([assessed]);
    const otherData = draft("StageChanged", undefined, { from: "SUBMITTED", to: "DECLINED" });
    expect(missingDrafts(ledger(before, otherData), [moved])).toEqual([moved]);
  });

  it("treats a missing step and no step alike, as the stored event has none", () => {
    const { step: _, ...noStep } = draft("WorkflowFailed");
    expect(missingDrafts(ledger(before, noStep), [{ ...noStep, step: undefined }])).toEqual([]);
  });
});
