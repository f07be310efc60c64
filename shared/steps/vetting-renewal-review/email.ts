/** The email that asks the assigned officer to review what the partner gave once a waiver ended. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function vettingRenewalReviewEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const org = view.partnership.organisationName;
  return compose(office, {
    to: [view.decision.assignee],
    subject: `Decision needed: vetting renewal for ${org}`,
    paragraphs: [
      `${org} is an active partner. A waiver on its vetting ended, or evidence it gave expires soon, and it has sent those items again.`,
      `Please verify each item, ask for it again, or grant a new time-boxed waiver, by ${deadline(office, view.decision.dueAt)}. If the evidence cannot be accepted, mark the partnership at risk: the office is told.`,
      "Opening the link shows the evidence; nothing is decided until you press a button on that page.",
    ],
    link: { url: view.url, label: "Review the vetting evidence" },
  });
}
