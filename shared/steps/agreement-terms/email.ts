/** The email that asks an officer to fill in the agreement's terms. */
import { agreementState } from "../../domain/agreement-state.ts";
import { amendmentUnderway } from "../../domain/review.ts";
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function agreementTermsEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const org = view.partnership.organisationName;
  return compose(office, {
    to: [view.decision.assignee],
    subject: `Decision needed: the agreement's terms for ${org}`,
    paragraphs: [
      why(view, org),
      `Please fill in its terms (division of services, outcomes, financial responsibility, term, protocols) by ${deadline(office, view.decision.dueAt)}.`,
    ],
    link: { url: view.url, label: "Prepare the agreement" },
  });
}

/** Why the terms are asked for: the onboarding's agreement, a change asked at the signing, or the review's amend. */
function why(view: MailView, org: string): string {
  const request = view.decision.request;
  const byReview = agreementState(view.events).changeAskedBy === "review";
  if (request && byReview)
    return `The periodic review asked to amend the agreement with ${org}: “${request}”`;
  if (request) return `The agreement with ${org} is to be changed: “${request}”`;
  if (amendmentUnderway(view.events))
    return `The periodic review asked to amend the agreement with ${org}: new terms are to be set.`;
  return `${org} is vetted and its signatory's authority confirmed. The agreement can now be prepared.`;
}
