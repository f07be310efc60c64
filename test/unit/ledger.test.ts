import { describe, expect, it } from "vitest";
import {
  chainEvent,
  type EventDraft,
  GENESIS_HASH,
  type LedgerEvent,
  verifyLedger,
} from "#shared/domain/ledger.ts";
import type { EventType } from "#shared/events/registry.ts";

const draft = (n: number, partnershipId = "P1"): EventDraft => ({
  partnershipId,
  at: `2026-11-23T10:00:0${n}.000Z`,
  actor: "partner",
  // The chain does not read types: any name will do (cast, as the registry would refuse it).
  type: `Event${n}` as EventType,
  data: { n, nested: { b: 2, a: [1, "x"] } },
});

function chain(count: number): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (let i = 1; i <= count; i++) events.push(chainEvent(events.at(-1), draft(i)));
  return events;
}

describe("ledger", () => {
  it("starts at seq 1 after the genesis hash and links each event to the one before", () => {
    const [first, second] = chain(2);
    expect(first?.seq).toBe(1);
    expect(first?.prevHash).toBe(GENESIS_HASH);
    expect(second?.seq).toBe(2);
    expect(second?.prevHash).toBe(first?.hash);
    expect(first?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes the same content the same way whatever the key order", () => {
    const a = chainEvent(undefined, { ...draft(1), data: { x: 1, y: 2 } });
    const b = chainEvent(undefined, { ...draft(1), data: { y: 2, x: 1 } });
    expect(a.hash).toBe(b.hash);
  });

  it("verifies an untouched chain and reports its head", () => {
    const events = chain(4);
    expect(verifyLedger(events)).toEqual({ ok: true, count: 4, headHash: events[3]?.hash });
  });

  it("names the first event whose content was altered", () => {
    const events = chain(4);
    const tampered = events.map((e) => (e.seq === 3 ? { ...e, data: { ...e.data, n: 99 } } : e));
    expect(verifyLedger(tampered)).toMatchObject({
      ok: false,
      failedAt: 3,
      reason: expect.stringContaining("hash"),
    });
  });

  it("detects a removed event as a break in the sequence", () => {
    const events = chain(4);
    const result = verifyLedger([events[0], events[1], events[3]] as LedgerEvent[]);
    expect(result).toMatchObject({ ok: false, failedAt: 4 });
  });

  it("detects an event re-hashed after tampering because the next link no longer matches", () => {
    const events = chain(3);
    const forged = chainEvent(events[0], { ...draft(2), actor: "officer:mallory@example.org" });
    const result = verifyLedger([events[0], forged, events[2]] as LedgerEvent[]);
    expect(result).toMatchObject({ ok: false, failedAt: 3, reason: expect.stringContaining("prevHash") });
  });

  it("refuses to chain an event of another partnership", () => {
    const [first] = chain(1);
    expect(() => chainEvent(first, draft(2, "P2"))).toThrow(RangeError);
  });
});
