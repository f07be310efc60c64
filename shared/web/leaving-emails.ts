/**
 * The emails of a partnership that ends before its time (issue 13): the office and its officers are told that
 * the partner withdrew; the partner is told that the office lead terminated it, and why. Neither carries a link.
 */
import type { EmailMessage } from "../ports/mailer.ts";
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
