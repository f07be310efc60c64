/** The contract of the hash-chained ledger: begin, append, append-once after a seq, and list. */
import { describe, expect, it } from "vitest";
import { LedgerConflictError } from "#shared/domain/errors.ts";
import { GENESIS_HASH, type LedgerEvent, verifyLedger } from "#shared/domain/ledger.ts";
import type { EventType } from "#shared/events/registry.ts";
import type { CurrentRepository } from "./partnership-repository.contract.ts";
import { draft, P, partnership, race, T2, T3 } from "./repository-fixtures.ts";

export function describeLedgerContract(repo: CurrentRepository): void {
  /** The ledger's event types in order, after checking that it verifies. */
  async function verifiedTypes(id = P): Promise<string[]> {
    const events = await repo().listEvents(id);
    expect(verifyLedger(events)).toMatchObject({ ok: true, count: events.length });
    return events.map((e) => e.type);
  }

  describe("the ledger's head, anchored on the partnership", () => {
    it("records the newest event's seq and hash with every append, begin and append-once alike", async () => {
      await repo().createPartnership(partnership());
      await repo().beginLedger(draft("IntakeSubmitted"));
      expect(await repo().getLedgerHead(P)).toMatchObject({ seq: 1 });
      await repo().appendEvent(draft("Second"));
      await repo().appendEventsOnce([draft("Third"), draft("Fourth")], 2);
      const events = await repo().listEvents(P);
      const last = events.at(-1) as LedgerEvent;
      expect(await repo().getLedgerHead(P)).toEqual({ seq: 4, hash: last.hash });
    });

    it("records none for a partnership that does not exist (its ledger may begin first)", async () => {
      await repo().beginLedger(draft("IntakeSubmitted"));
      expect(await repo().getLedgerHead(P)).toBeUndefined();
      expect(await repo().getLedgerHead("01JQ0000000000000000000009")).toBeUndefined();
    });

    it("keeps the newest head when two append at once", async () => {
      await repo().createPartnership(partnership());
      await repo().beginLedger(draft("IntakeSubmitted"));
      await race(repo().appendEvent(draft("A")), repo().appendEvent(draft("B")));
      const last = (await repo().listEvents(P)).at(-1) as LedgerEvent;
      expect(await repo().getLedgerHead(P)).toEqual({ seq: 3, hash: last.hash });
    });
  });

  describe("the ledger", () => {
    it("begins a ledger once: event 1 after the genesis hash; a second begin is refused", async () => {
      expect(await repo().beginLedger(draft("IntakeSubmitted"))).toBe(true);
      expect(await repo().beginLedger(draft("AgainSubmitted"))).toBe(false);
      const [first, ...rest] = await repo().listEvents(P);
      expect(rest).toEqual([]);
      expect(first).toMatchObject({ ...draft("IntakeSubmitted"), seq: 1, prevHash: GENESIS_HASH });
    });

    it("lets exactly one of two concurrent begins begin the ledger", async () => {
      const { fulfilled } = await race(repo().beginLedger(draft("A")), repo().beginLedger(draft("B")));
      expect(fulfilled.filter(Boolean)).toHaveLength(1);
      expect(await verifiedTypes()).toEqual([fulfilled[0] ? "A" : "B"]);
    });

    it("chains each appended event after the head, and lists them as appended", async () => {
      const first = await repo().appendEvent(draft("First"));
      const second = await repo().appendEvent(draft("Second", { step: "Assess" }));
      expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
      expect(second).toMatchObject({ ...draft("Second", { step: "Assess" }), seq: 2, prevHash: first.hash });
      expect(await repo().listEvents(P)).toEqual([first, second]);
      expect(await verifiedTypes()).toEqual(["First", "Second"]);
    });

    it("appends only to a begun ledger when asked to: nothing takes seq 1 from the event that begins it", async () => {
      expect(await repo().appendEventIfBegun(draft("EmailSent"))).toBeUndefined();
      expect(await repo().listEvents(P)).toEqual([]);
      expect(await repo().beginLedger(draft("IntakeSubmitted"))).toBe(true);
      expect(await repo().appendEventIfBegun(draft("EmailSent"))).toMatchObject({
        seq: 2,
        type: "EmailSent",
      });
      expect(await verifiedTypes()).toEqual(["IntakeSubmitted", "EmailSent"]);
    });

    it("appends every one of several concurrent events once, in one chain", async () => {
      await repo().beginLedger(draft("First"));
      const { fulfilled, rejected } = await race(
        ...["A", "B", "C", "D"].map((type) => repo().appendEvent(draft(type))),
      );
      expect(rejected).toEqual([]);
      expect(fulfilled.map((e) => e.seq).sort()).toEqual([2, 3, 4, 5]);
      expect((await verifiedTypes()).slice(1).sort()).toEqual(["A", "B", "C", "D"]);
    });

    it("keeps each partnership's ledger apart, and has none for a partnership without events", async () => {
      await repo().appendEvent(draft("Ours"));
      await repo().appendEvent(draft("Theirs", { partnershipId: "OTHER" }));
      expect(await verifiedTypes(P)).toEqual(["Ours"]);
      expect(await verifiedTypes("OTHER")).toEqual(["Theirs"]);
      expect(await repo().listEvents("NONE")).toEqual([]);
    });

    it("keeps what it stored when the caller changes an event it got back", async () => {
      const event = await repo().appendEvent(draft("First"));
      const original = structuredClone(event);
      event.type = "Changed" as EventType;
      const [listed] = await repo().listEvents(P);
      if (!listed) throw new Error("The event was appended");
      listed.data.type = "Changed too";
      expect(await repo().listEvents(P)).toEqual([original]);
    });
  });

  describe("appending once", () => {
    /** A ledger of `types`, and its events. */
    async function ledgerOf(...types: string[]): Promise<LedgerEvent[]> {
      for (const type of types) await repo().appendEvent(draft(type, { at: T2 }));
      return repo().listEvents(P);
    }

    it("appends the drafts after the ledger's head, in order", async () => {
      await ledgerOf("Head");
      await repo().appendEventsOnce([draft("A"), draft("B")], 1);
      expect(await verifiedTypes()).toEqual(["Head", "A", "B"]);
    });

    it("appends nothing when the drafts are in the ledger already since afterSeq (a repeated attempt)", async () => {
      await ledgerOf("Head");
      await repo().appendEventsOnce([draft("A"), draft("B")], 1);
      await repo().appendEventsOnce([draft("A"), draft("B")], 1);
      expect(await verifiedTypes()).toEqual(["Head", "A", "B"]);
    });

    it("appends only the drafts missing, after the events others appended in between", async () => {
      await ledgerOf("Head");
      await repo().appendEventsOnce([draft("A")], 1);
      await repo().appendEvent(draft("Other", { at: T3 }));
      await repo().appendEventsOnce([draft("A"), draft("B")], 1);
      expect(await verifiedTypes()).toEqual(["Head", "A", "Other", "B"]);
    });

    it("counts only the events since afterSeq: the same draft before it is appended again", async () => {
      await repo().appendEvent(draft("A"));
      await ledgerOf("Head");
      await repo().appendEventsOnce([draft("A")], 2);
      expect(await verifiedTypes()).toEqual(["A", "Head", "A"]);
    });

    it("takes a draft that differs in its time as another event", async () => {
      await ledgerOf("Head");
      await repo().appendEventsOnce([draft("A")], 1);
      await repo().appendEventsOnce([draft("A", { at: T3 })], 1);
      expect(await verifiedTypes()).toEqual(["Head", "A", "A"]);
    });

    it("chains after the given head when it is still the head", async () => {
      const [head] = await ledgerOf("Head");
      await repo().appendEventsOnce([draft("A")], 1, head);
      const events = await repo().listEvents(P);
      expect(events[1]).toMatchObject({ type: "A", seq: 2, prevHash: head?.hash });
    });

    it("reads the ledger again when the given head is stale, and appends after the real head", async () => {
      const [head] = await ledgerOf("Head", "Since");
      await repo().appendEventsOnce([draft("A"), draft("Since", { at: T2 })], 1, head);
      expect(await verifiedTypes()).toEqual(["Head", "Since", "A"]);
    });

    it("begins the ledger when afterSeq is 0 and it has no events", async () => {
      await repo().appendEventsOnce([draft("A"), draft("B")], 0);
      expect(await verifiedTypes()).toEqual(["A", "B"]);
    });

    it("refuses to append after a seq the ledger has not reached: LedgerConflictError, nothing written", async () => {
      await ledgerOf("Head");
      await expect(repo().appendEventsOnce([draft("A")], 5)).rejects.toThrow(LedgerConflictError);
      expect(await verifiedTypes()).toEqual(["Head"]);
    });

    it("appends nothing for no drafts", async () => {
      await ledgerOf("Head");
      await repo().appendEventsOnce([], 1);
      expect(await verifiedTypes()).toEqual(["Head"]);
    });

    it("writes each draft once when two attempts with overlapping drafts run at the same time", async () => {
      const [head] = await ledgerOf("Head");
      const { rejected } = await race(
        repo().appendEventsOnce([draft("A"), draft("B"), draft("C")], 1, head),
        repo().appendEventsOnce([draft("B"), draft("C"), draft("D")], 1, head),
        repo().appendEventsOnce([draft("A"), draft("D")], 1),
      );
      expect(rejected).toEqual([]);
      const types = await verifiedTypes();
      expect(types[0]).toBe("Head");
      expect(types.slice(1).sort()).toEqual(["A", "B", "C", "D"]);
    });
  });
}
