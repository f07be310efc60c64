/** Completes what a workflow step still owes after its state write (see domain/pending-effects.ts). */

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

/**
 * Appends the events the ledger does not have yet, sends the notice, then clears them. A failure on the way
 * leaves them pending for the next attempt: events are never appended twice, a notice may be sent twice.
 * Returns the partnership as it is with nothing pending.
 */
export async function completePending(
  deps: Needs<"repository"> & Partial<Needs<"mailer" | "config">>,
  p: Partnership,
  pending: PendingEffects | undefined = p.pending,
): Promise<Partnership> {
  if (!pending) return p;
  await deps.repository.appendEventsOnce(pending.events);
  if (pending.notice) {
    const { mailer, config } = deps;
    // Only the assessment step has no mailer, and no step before it owes a notice.
    if (!mailer || !config)
      throw new Error(`This step cannot send the pending ${pending.notice.kind} notice`);
    await mailer.send(noticeMail({ config }, p, pending.notice));
  }
  await deps.repository.clearPending(p.id, pending.id);
  return { ...p, pending: undefined };
}
