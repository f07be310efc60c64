/** The email that asks an officer to fill in the agreement's terms. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function agreementTermsEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const org = view.partnership.organisationName;
  return compose(office, {
    to: [view.decision.assignee],
    subject: `Decision needed: the agreement's terms for ${org}`,
    paragraphs: [
      view.decision.request
        ? `The agreement with ${org} is to be changed: “${view.decision.request}”`
        : `${org} is vetted and its signatory's authority confirmed. The agreement can now be prepared.`,
      `Please fill in its terms (division of services, outcomes, financial responsibility, term, protocols) by ${deadline(office, view.decision.dueAt)}.`,
    ],
    link: { url: view.url, label: "Prepare the agreement" },
  });
}
