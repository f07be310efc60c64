/** The email that asks the assigned officer to review the vetting evidence. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function vettingReviewEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const org = view.partnership.organisationName;
  return compose(office, {
    to: [view.decision.assignee],
    subject: `Decision needed: vetting review for ${org}`,
    paragraphs: [
      `${org} has sent its vetting checklist.`,
      `Please verify each item, ask for it again, or grant a time-boxed waiver, by ${deadline(office, view.decision.dueAt)}.`,
      "Opening the link shows the evidence; nothing is decided until you press a button on that page.",
    ],
    link: { url: view.url, label: "Review the vetting evidence" },
  });
}
