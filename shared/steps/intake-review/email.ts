/** The email that asks the assigned officer to review an intake. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function intakeReviewEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const org = view.partnership.organisationName;
  return compose(office, {
    to: [view.decision.assignee],
    subject: `Decision needed: intake review for ${org}`,
    paragraphs: [
      `${org} has submitted a partnership intake and its needs assessment has been scored.`,
      `Please review it and decide by ${deadline(office, view.decision.dueAt)}: proceed to vetting, ask for more information, or decline.`,
      "Opening the link shows the details; nothing is decided until you press a button on that page.",
    ],
    link: { url: view.url, label: "Review the intake" },
  });
}
