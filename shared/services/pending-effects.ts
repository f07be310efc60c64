/** Completes what a workflow step still owes after its state write (see domain/pending-effects.ts). */

import type { LedgerEvent } from "../domain/ledger.ts";
import type { Partnership } from "../domain/partnership.ts";
import type { Notice, PendingEffects } from "../domain/pending-effects.ts";
import { emails } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";

function noticeMail(deps: Needs<"config">, p: Partnership, notice: Notice) {
  const org = p.organisationName;
  switch (notice.kind) {
    case "approved":
      return emails.approved(p.intake.contact.email, org);
    case "declined":
      return emails.declined(p.intake.contact.email, org, notice.comment);
    case "expired":
      return emails.expired(deps.config.OFFICE_EMAIL, org, p.id);
    case "failure":
      return emails.failure(deps.config.OFFICE_EMAIL, p.id, notice.error);
  }
}

/** The partnership, with whatever an earlier step left owing completed first, and the ledger's head. */
export interface Settled {
  partnership: Partnership;
  head: LedgerEvent | undefined;
}

/** At most this many events are owed at once (an assessment's StageChanged and NeedsAssessed). */
const MOST_EVENTS_OWED = 2;

/**
 * Reads the partnership with the end of its ledger in one query, and completes what an earlier attempt still
 * owes: the events the ledger does not have yet are appended (never twice), the notice sent (perhaps twice).
 * Undefined when there is no such partnership.
 */
export async function loadSettled(
  deps: Needs<"repository"> & Partial<Needs<"mailer" | "config">>,
  id: string,
): Promise<Settled | undefined> {
  const { partnership: p, tail } = await deps.repository.getPartnershipWithTail(id, MOST_EVENTS_OWED);
  if (!p) return undefined;
  if (!p.pending) return { partnership: p, head: tail.at(-1) };
  await deps.repository.appendEventsOnce(p.pending.events, tail);
  await sendAndClear(deps, p, p.pending);
  // The head moved if events were appended: the next append reads it again.
  return { partnership: { ...p, pending: undefined }, head: undefined };
}

/**
 * Pays what a state write has just come to owe: its events go after `head` (read before the write, so still
 * the head unless someone appended since, which the append notices), then the notice is sent and the pending
 * effects cleared. A failure on the way leaves them for the next attempt's loadSettled.
 */
export async function payOwed(
  deps: Needs<"repository"> & Partial<Needs<"mailer" | "config">>,
  p: Partnership,
  pending: PendingEffects,
  head: LedgerEvent | undefined,
): Promise<void> {
  if (pending.events.length > MOST_EVENTS_OWED) throw new RangeError("Too many events owed at once");
  await deps.repository.appendEvents(pending.events, head);
  await sendAndClear(deps, p, pending);
}

async function sendAndClear(
  deps: Needs<"repository"> & Partial<Needs<"mailer" | "config">>,
  p: Partnership,
  pending: PendingEffects,
): Promise<void> {
  if (pending.notice) {
    const { mailer, config } = deps;
    // Only the assessment step has no mailer, and no step before it owes a notice.
    if (!mailer || !config)
      throw new Error(`This step cannot send the pending ${pending.notice.kind} notice`);
    await mailer.send(noticeMail({ config }, p, pending.notice));
  }
  await deps.repository.clearPending(p.id, pending.id);
}
