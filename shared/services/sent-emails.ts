/**
 * Sending an email about a partnership, and recording it in its ledger (EmailSent) once sent.
 *
 * The record is appended after the send succeeds, as an event of its own (appendEvent: the next seq, with the
 * `attribute_not_exists` rule, re-reading the head on a concurrent writer), never among a step's owed state
 * events: so it cannot lose or duplicate them. An email sent twice (a retried step pays its notice again) is
 * recorded twice, which is what happened. A failed append is logged (the partnership and the template, no
 * address) and does not fail the caller: the email is out, and the state change it reports was recorded
 * before it; failing the step would only send it again. It is never the ledger's first event: a ledger not begun
 * yet (an intake whose request died before recording it, acknowledged by the intake sweep) records nothing of the
 * email, with a line naming the partnership and the template, so that IntakeSubmitted keeps seq 1.
 */
import { recipientHash } from "../domain/recipient-hash.ts";
import { eventDraft } from "../events/draft.ts";
import type { RecipientRole } from "../events/email-events.ts";
import { errorName, log } from "../http/log.ts";
import type { EmailMessage } from "../ports/mailer.ts";
import type { Needs } from "./dependencies.ts";

/** What the ledger says of an email: its partnership, its kind, and who it went to as a role. */
export interface EmailRecord {
  partnershipId: string;
  template: string;
  /** Every recipient's role, or each one's by its address (an email to the signatory and the contact). */
  role: RecipientRole | ((address: string) => RecipientRole);
  /** `system:<what>` sent it. */
  actor: string;
  /** The workflow state that sent it, when there is one. */
  step?: string | undefined;
}

/** Sends the email, then records it in the partnership's ledger (best effort, see above). */
export async function sendRecorded(
  deps: Needs<"mailer" | "repository" | "clock">,
  mail: EmailMessage,
  record: EmailRecord,
): Promise<void> {
  await deps.mailer.send(mail);
  await recordEmail(deps, mail, record, deps.clock.now().toISOString());
}

/** Appends the EmailSent event of an email just sent (at `at`); a failure is logged, not thrown. */
export async function recordEmail(
  deps: Needs<"repository">,
  mail: EmailMessage,
  record: EmailRecord,
  at: string,
): Promise<void> {
  const { partnershipId, template, role, actor, step } = record;
  const attachments = mail.attachments?.map((a) => a.filename) ?? [];
  try {
    const recorded = await deps.repository.appendEventIfBegun(
      eventDraft(
        "EmailSent",
        { partnershipId, at, actor, ...(step ? { step } : {}) },
        {
          template,
          recipients: mail.to.map((address) => ({
            role: typeof role === "function" ? role(address) : role,
            addressSha256: recipientHash(partnershipId, address),
          })),
          ...(attachments.length > 0 ? { attachments } : {}),
        },
      ),
    );
    if (!recorded)
      log("warn", "did not record a sent email: the partnership's ledger has not begun", {
        partnershipId,
        template,
      });
  } catch (error) {
    log("warn", "could not record a sent email in the ledger", {
      partnershipId,
      template,
      error: errorName(error),
    });
  }
}
