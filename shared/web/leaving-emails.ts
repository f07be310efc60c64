/**
 * The emails of a partnership that ends before its time (issue 13): the office and its officers are told that
 * the partner withdrew, and the partner's contact gets a receipt; the partner is told that the office lead
 * terminated it, and why. None carries a link.
 */
import type { EmailMessage } from "../ports/mailer.ts";
import { formatDate } from "./dates.ts";
import { compose, endSentence, type Office } from "./emails.ts";

export const leavingEmails = {
  /** The office's mailbox and the officers whose open decisions were closed. */
  withdrawn: (office: Office, to: readonly string[], org: string, partnershipId: string, reason: string) =>
    compose(office, {
      to: [...to],
      subject: `Withdrawn by the partner: ${org}`,
      paragraphs: [
        `${org} withdrew from the partnership (partnership ${partnershipId}).`,
        `The partner's reason: “${reason}”`,
        "Its open steps are closed (their links no longer work) and its workflow is stopped: there is nothing more to decide for it.",
      ],
    }),
  /**
   * The partner's contact: a receipt of their own withdrawal, on which day (when known). Their reason is not
   * repeated: it is free text, and may name people.
   */
  withdrawalReceipt: (office: Office, to: string, org: string, at: string | undefined): EmailMessage =>
    compose(office, {
      to: [to],
      subject: `You withdrew ${org} from the partnership`,
      paragraphs: [
        endSentence(
          `This confirms that ${org} withdrew from its partnership with the ${office.name}${at ? ` on ${formatDate(at, office.timeZone)}` : ""}`,
        ),
        "Its open steps are closed: any link we sent you for one no longer works, and nothing more is asked of you. No review is scheduled.",
        "Your status page, with the link in our first email, still shows the partnership's record, and the signed agreement and its completion certificate if one was signed. The office keeps that record; you can ask it to erase the personal data it holds about your contacts.",
        "If you have a question, or withdrew by mistake, reply to this email or contact the office.",
      ],
    }),
  /** The partner's contact, and the signatory once confirmed. */
  terminated: (office: Office, to: readonly string[], org: string, reason: string): EmailMessage =>
    compose(office, {
      to: [...to],
      subject: `The ${org} partnership has ended`,
      paragraphs: [
        endSentence(`The partnerships office has ended its partnership with ${org}`),
        `The reason: “${reason}”`,
        "Any link we sent you for a step that was still open no longer works, and nothing more is asked of you. If you have a question, reply to this email.",
      ],
    }),
};
