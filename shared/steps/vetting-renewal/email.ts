/** The email that asks the partner for the checklist items whose waiver has ended. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";
import { requestedItems } from "../vetting-evidence/schema.ts";

export function vettingRenewalEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const { partnership: p, decision } = view;
  const items = requestedItems(view);
  return compose(office, {
    to: [p.intake.contact.email],
    subject: `Vetting: the waiver has ended for ${items.length === 1 ? "1 checklist item" : `${items.length} checklist items`} of ${p.organisationName}`,
    paragraphs: [
      "When the partnership started, the office let some checklist items wait, until a date that has now passed. Please give them now.",
      `The items asked for: ${items.map((i) => i.title).join("; ")}.`,
      `Please complete them by ${deadline(office, decision.dueAt)}. You can save your answers and come back with the same link.`,
    ],
    link: { url: view.url, label: "Open the checklist" },
  });
}
