/** The email that asks the assigned officer to review an intake. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function intakeReviewEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const { organisationName: org, intakeVersion } = view.partnership;
  // A later round follows the partner's answer to a request for more information.
  const submitted =
    intakeVersion > 1
      ? `${org} answered the request for more information and updated its intake (version ${intakeVersion}); it has been assessed again.`
      : `${org} has submitted a partnership intake and its needs assessment has been scored.`;
  return compose(office, {
    to: [view.decision.assignee],
    subject: `Decision needed: intake review for ${org}`,
    paragraphs: [
      submitted,
      `Please review it and decide by ${deadline(office, view.decision.dueAt)}: proceed to vetting, ask for more information, or decline.`,
      "Opening the link shows the details; nothing is decided until you press a button on that page.",
    ],
    link: { url: view.url, label: "Review the intake" },
  });
}
