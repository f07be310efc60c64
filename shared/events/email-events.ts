/**
 * The ledger event of an email sent about a partnership (issue 12: "each email sent: to whom and which
 * template, never the link token"). It holds no personal data: each recipient is a role and a salted hash of
 * the address (recipientHash), the subject (which quotes the organisation's name) is left out, and so is the
 * body with its link.
 */
import * as z from "../schemas/zod.ts";
import { eventSpec } from "./define.ts";

/**
 * Who an email went to, as a role: the partner's contact, the signatory, an officer, the office's mailbox, or the
 * office lead (told of a partnership that needs attention, an overdue step, or a timeout).
 */
export const RECIPIENT_ROLES = ["partner", "signatory", "officer", "office", "lead"] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export const emailSentData = z.object({
  /** The kind of email: a step's kind (`intake-review`), its receipt (`intake-review:receipt`), a notice's kind. */
  template: z.string(),
  /** Each address, by role and SHA-256 of the partnership's id and the lowercased address (recipientHash). */
  recipients: z.array(z.object({ role: z.enum(RECIPIENT_ROLES), addressSha256: z.string() })),
  /** The attachments' file names (`agreement-v1.pdf`), when there are any. */
  attachments: z.optional(z.array(z.string())),
});

export const EMAIL_EVENTS = {
  EmailSent: eventSpec(
    emailSentData,
    (d) =>
      `Email “${d.template}” sent to ${[...new Set(d.recipients.map((r) => r.role))].join(" and ")}${
        d.attachments?.length ? ` with ${d.attachments.join(", ")}` : ""
      }`,
  ),
};
