/** The append-only, hash-chained ledger of everything that happens to a partnership. */
import { createHash } from "node:crypto";
import type { EventType } from "../events/registry.ts";
import { canonicalJson, type Json } from "./canonical-json.ts";

export const GENESIS_HASH = "0".repeat(64);

export interface EventDraft {
  partnershipId: string;
  at: string;
  /** Who did it: `partner`, `officer:<email>`, `system:<function>`. */
  actor: string;
  /** A registered event type (shared/events/registry.ts); build drafts with eventDraft(). */
  type: EventType;
  /** The workflow step that produced the event, when there is one (a state name). */
  step?: string | undefined;
  data: { [key: string]: Json };
}

export interface LedgerEvent extends EventDraft {
  seq: number;
  prevHash: string;
  hash: string;
}

export function hashEvent(event: Omit<LedgerEvent, "hash">): string {
  return createHash("sha256").update(canonicalJson(event)).digest("hex");
}

/** The next event after `head` (or the first one when there is no head). */
export function chainEvent(head: LedgerEvent | undefined, draft: EventDraft): LedgerEvent {
  if (head && head.partnershipId !== draft.partnershipId) {
    throw new RangeError("An event can only follow an event of the same partnership");
  }
  const unsigned = {
    ...draft,
    seq: head ? head.seq + 1 : 1,
    prevHash: head ? head.hash : GENESIS_HASH,
  };
  return { ...unsigned, hash: hashEvent(unsigned) };
}

export type LedgerVerification =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; failedAt: number; reason: string };

/** Checks sequence, links and hashes; names the first event that does not check out. */
export function verifyLedger(events: readonly LedgerEvent[]): LedgerVerification {
  let prev: LedgerEvent | undefined;
  for (const event of events) {
    const expectedSeq = prev ? prev.seq + 1 : 1;
    const fail = (reason: string): LedgerVerification => ({
      ok: false,
      count: events.length,
      failedAt: event.seq,
      reason,
    });
    if (event.seq !== expectedSeq) return fail(`expected event ${expectedSeq} but found ${event.seq}`);
    if (prev && event.partnershipId !== prev.partnershipId) return fail("belongs to another partnership");
    if (event.prevHash !== (prev ? prev.hash : GENESIS_HASH)) {
      return fail("prevHash does not match the hash of the event before it");
    }
    const { hash, ...unsigned } = event;
    if (hashEvent(unsigned) !== hash) return fail("its content does not match its hash");
    prev = event;
  }
  return { ok: true, count: events.length, headHash: prev ? prev.hash : GENESIS_HASH };
}

/** What an auditor's check of one partnership's ledger answers (GET /api/audit/partnerships/{id}/verify). */
export type AnchoredVerification =
  | { ok: true; count: number; headSeq: number }
  | { ok: false; firstBadSeq: number; reason: string };

/**
 * The chain (sequence, links, hashes: verifyLedger) and its head as the partnership's META anchored it with every
 * append: a chain whose newest events were removed, or that was rewritten with recomputed hashes, no longer
 * ends where the anchor says. A chain longer than its anchor is an append whose anchoring was cut short: fine.
 * A chain with no anchor at all cannot show that its newest events are all there: that fails too.
 */
export function verifyAnchored(
  events: readonly LedgerEvent[],
  head: { seq: number; hash: string } | undefined,
): AnchoredVerification {
  const chain = verifyLedger(events);
  if (!chain.ok) return { ok: false, firstBadSeq: chain.failedAt, reason: chain.reason };
  const last = events.at(-1)?.seq ?? 0;
  if (!head && last > 0)
    return {
      ok: false,
      firstBadSeq: last,
      reason:
        "the partnership records no head for its ledger, so events removed from its end could not be seen",
    };
  if (head && head.seq > last)
    return {
      ok: false,
      firstBadSeq: last + 1,
      reason: `the ledger ends at event ${last}, but its head was recorded at event ${head.seq}: the newest events are missing`,
    };
  if (head && events.find((e) => e.seq === head.seq)?.hash !== head.hash)
    return {
      ok: false,
      firstBadSeq: head.seq,
      reason: "its hash is not the one recorded as the ledger's head: the chain was rewritten",
    };
  return { ok: true, count: events.length, headSeq: last };
}
