/** The emails of a request for more information: the request, with its link, and the receipt. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function resubmissionEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const { partnership: p, decision } = view;
  return compose(office, {
    to: [p.intake.contact.email],
    subject: `More information needed for the ${p.organisationName} partnership`,
    paragraphs: [
      "The partnership officer reviewed your intake and needs more information before going on.",
      `The officer wrote: “${decision.request ?? ""}”`,
      `Please answer, correct or complete your answers, and send them again by ${deadline(office, decision.dueAt)}.`,
    ],
    link: { url: view.url, label: "Update your answers" },
  });
}

export function resubmissionReceipt(view: MailView & { statusUrl: string }) {
  const office = officeOf(view.config);
  const { partnership: p } = view;
  return compose(office, {
    to: [p.intake.contact.email],
    subject: `We received your updated answers for ${p.organisationName}`,
    paragraphs: [
      "Thank you: we received your answer and your updated intake. They will be assessed again, and the partnership officer will review them.",
      "You can follow each step on your private status page.",
    ],
    link: { url: view.statusUrl, label: "Your status page" },
  });
}
