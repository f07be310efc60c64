/** The email that asks the signatory (or the person delegated to) to confirm their authority. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function signatoryEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const { partnership: p, decision } = view;
  return compose(office, {
    to: [decision.assignee],
    subject: `Please confirm your authority to sign for ${p.organisationName}`,
    paragraphs: [
      `${p.organisationName} is becoming a partner of the ${office.name}, and you are named as the person who will sign its partnership agreement.`,
      ...(decision.request ? [`The office asks: “${decision.request}”`] : []),
      `Please confirm your name, title and authority to commit the organisation, or give the person who will sign instead, by ${deadline(office, decision.dueAt)}.`,
    ],
    link: { url: view.url, label: "Confirm your authority" },
  });
}
