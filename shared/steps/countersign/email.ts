/** The email that asks an officer to countersign the agreement. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function countersignEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const org = view.partnership.organisationName;
  return compose(office, {
    to: [view.decision.assignee],
    subject: `Decision needed: countersign the agreement with ${org}`,
    paragraphs: [
      `${org}'s signatory has signed the partnership agreement.`,
      `Please countersign it, or ask for a change, by ${deadline(office, view.decision.dueAt)}.`,
    ],
    link: { url: view.url, label: "Countersign the agreement" },
  });
}
