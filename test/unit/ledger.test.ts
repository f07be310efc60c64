import { describe, expect, it } from "vitest";
import {
  chainEvent,
  type EventDraft,
  GENESIS_HASH,
  hashEvent,
  type LedgerEvent,
  verifyAnchored,
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

describe("verifyAnchored: the chain and the head its partnership recorded", () => {
  const headOf = (events: LedgerEvent[]) => {
    const last = events.at(-1) as LedgerEvent;
    return { seq: last.seq, hash: last.hash };
  };

  it("passes an intact chain that ends at its head, or beyond it (an anchoring cut short)", () => {
    const events = chain(4);
    expect(verifyAnchored(events, headOf(events))).toEqual({ ok: true, count: 4, headSeq: 4 });
    expect(verifyAnchored(events, headOf(events.slice(0, 3)))).toMatchObject({ ok: true });
    expect(verifyAnchored([], undefined)).toMatchObject({ ok: true, count: 0 });
  });

  it("fails a ledger whose partnership records no head: removed events could not be seen", () => {
    expect(verifyAnchored(chain(3), undefined)).toEqual({
      ok: false,
      firstBadSeq: 3,
      reason:
        "the partnership records no head for its ledger, so events removed from its end could not be seen",
    });
  });

  it("names the first missing event when the newest were removed", () => {
    const events = chain(5);
    expect(verifyAnchored(events.slice(0, 3), headOf(events))).toEqual({
      ok: false,
      firstBadSeq: 4,
      reason:
        "the ledger ends at event 3, but its head was recorded at event 5: the newest events are missing",
    });
  });

  it("names an edited event, and a chain rewritten with hashes recomputed from the edit on", () => {
    const events = chain(4);
    const head = headOf(events);
    const edited = events.map((e) => (e.seq === 2 ? { ...e, data: { n: 99 } } : e));
    expect(verifyAnchored(edited, head)).toMatchObject({ ok: false, firstBadSeq: 2 });
    // Rewritten: every hash from event 2 on recomputed, so the chain itself verifies.
    const rewritten: LedgerEvent[] = [];
    for (const e of events) {
      const prev = rewritten.at(-1);
      const body = {
        ...e,
        ...(e.seq === 2 ? { data: { n: 99 } } : {}),
        prevHash: prev ? prev.hash : GENESIS_HASH,
      };
      const { hash: _, ...unsigned } = body;
      rewritten.push({ ...unsigned, hash: hashEvent(unsigned) } as LedgerEvent);
    }
    expect(verifyLedger(rewritten)).toMatchObject({ ok: true });
    expect(verifyAnchored(rewritten, head)).toEqual({
      ok: false,
      firstBadSeq: 4,
      reason: "its hash is not the one recorded as the ledger's head: the chain was rewritten",
    });
  });

  it("names a deleted or a reordered event in the middle", () => {
    const events = chain(4);
    expect(verifyAnchored([events[0], events[2], events[3]] as LedgerEvent[], headOf(events))).toMatchObject({
      ok: false,
      firstBadSeq: 3,
    });
    expect(
      verifyAnchored([events[0], events[2], events[1], events[3]] as LedgerEvent[], headOf(events)),
    ).toMatchObject({
      ok: false,
      firstBadSeq: 3,
    });
  });

  it("names an event inserted in the middle: as stored, by its own seq; linked in and the rest renumbered, by the next", () => {
    const events = chain(4);
    const head = headOf(events);
    // Put in as a new event 3, the later ones moved up a seq, nothing recomputed.
    const forged = { ...(events[2] as LedgerEvent), data: { n: 99 } };
    const moved = events.slice(2).map((e) => ({ ...e, seq: e.seq + 1 }));
    expect(verifyAnchored([events[0], events[1], forged, ...moved] as LedgerEvent[], head)).toEqual({
      ok: false,
      firstBadSeq: 3,
      reason: "its content does not match its hash",
    });
    // Chained properly after event 2: it checks out, but the event it pushed up no longer links to it.
    const linked = chainEvent(events[1], draft(9));
    expect(verifyAnchored([events[0], events[1], linked, ...moved] as LedgerEvent[], head)).toEqual({
      ok: false,
      firstBadSeq: 4,
      reason: "prevHash does not match the hash of the event before it",
    });
    // And with every later event chained again after it: the head the partnership recorded no longer matches.
    let rewritten: LedgerEvent[] = [events[0] as LedgerEvent, events[1] as LedgerEvent, linked];
    for (const e of events.slice(2)) {
      const { seq: _s, prevHash: _p, hash: _h, ...d } = e;
      rewritten = [...rewritten, chainEvent(rewritten.at(-1), d)];
    }
    expect(verifyAnchored(rewritten, head)).toEqual({
      ok: false,
      firstBadSeq: 4,
      reason: "its hash is not the one recorded as the ledger's head: the chain was rewritten",
    });
  });
});
