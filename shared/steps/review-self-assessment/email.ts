/** The emails of the partner's self-assessment: the request, with its link, and the receipt. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function selfAssessmentEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const { partnership: p, decision } = view;
  return compose(office, {
    to: [p.intake.contact.email],
    subject: `Time to review the ${p.organisationName} partnership`,
    paragraphs: [
      "Your partnership agreement is reviewed regularly. The first part is yours: for each outcome the agreement sets, say how far it was met, what shows it, and what should change.",
      `Please send it by ${deadline(office, decision.dueAt)}. You can save your answers and come back with the same link. The office then evaluates the partnership and tells you the outcome.`,
    ],
    link: { url: view.url, label: "Open the review" },
  });
}

export function selfAssessmentReceipt(view: MailView & { statusUrl: string }) {
  const office = officeOf(view.config);
  const { partnership: p } = view;
  return compose(office, {
    to: [p.intake.contact.email],
    subject: `We received your review of the ${p.organisationName} partnership`,
    paragraphs: [
      "Thank you: we received your self-assessment. The office will evaluate it and tell you the outcome.",
    ],
    link: { url: view.statusUrl, label: "Your status page" },
  });
}
