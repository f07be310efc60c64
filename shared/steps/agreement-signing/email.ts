/** The email that sends the signatory the agreement to sign. */
import { agreementState } from "../../domain/agreement-state.ts";
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";

export function signingEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const { partnership: p, decision } = view;
  const version = agreementState(view.events).current?.version ?? 1;
  return compose(office, {
    to: [decision.assignee],
    subject: `Please sign the partnership agreement for ${p.organisationName}`,
    paragraphs: [
      version > 1
        ? `The partnership agreement with ${p.organisationName} was changed (version ${version}); the earlier signature no longer counts. Please read it and sign again.`
        : `The partnership agreement between ${p.organisationName} and the ${office.name} is ready for your signature.`,
      `Please read it and sign it by ${deadline(office, decision.dueAt)}. If you prefer to sign on paper, the page lets you ask for that.`,
    ],
    link: { url: view.url, label: "Read and sign the agreement" },
  });
}
