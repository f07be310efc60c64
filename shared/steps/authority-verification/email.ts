/** The email that asks an officer to verify the signatory's authority. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function authorityVerificationEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const org = view.partnership.organisationName;
  return compose(office, {
    to: [view.decision.assignee],
    subject: `Decision needed: verify the signatory's authority for ${org}`,
    paragraphs: [
      `The person who will sign for ${org} confirmed their authority, but it needs an officer's check before the agreement goes out.`,
      `Please verify it, ask for evidence, or decline, by ${deadline(office, view.decision.dueAt)}.`,
    ],
    link: { url: view.url, label: "Verify the authority" },
  });
}
