/** The email that tells the office a signatory asked to sign on paper. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function paperAgreementEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const org = view.partnership.organisationName;
  return compose(office, {
    // The link decides as this officer: it goes to them alone (never to a shared mailbox).
    to: [view.decision.assignee],
    subject: `Paper signing asked for: the agreement with ${org}`,
    paragraphs: [
      `${org}'s signatory did not consent to sign electronically and asked for a paper process.`,
      `Please arrange the signing on paper and record it by ${deadline(office, view.decision.dueAt)}.`,
    ],
    link: { url: view.url, label: "Record the paper signing" },
  });
}
