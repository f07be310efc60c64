/** The email that asks an officer (or the lead) to evaluate the review. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function evaluationEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const org = view.partnership.organisationName;
  return compose(office, {
    to: [view.decision.assignee],
    subject: `Decision needed: periodic review of ${org}`,
    paragraphs: [
      `${org} has given its self-assessment for the periodic review of its partnership.`,
      `Please evaluate it against the agreement by ${deadline(office, view.decision.dueAt)}: renew, amend, or terminate.`,
      "Opening the link shows the partner's answers beside the agreement; nothing is decided until you press a button on that page.",
    ],
    link: { url: view.url, label: "Evaluate the review" },
  });
}
