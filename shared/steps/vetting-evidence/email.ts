/** The emails of the partner's vetting checklist: the request, with its link, and the receipt. */
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";
import { requestedItems } from "./schema.ts";

export function vettingEvidenceEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const { partnership: p, decision } = view;
  const items = requestedItems(view);
  const firstRound = !view.events.some((e) => e.type === "VettingEvidenceSubmitted");
  return compose(office, {
    to: [p.intake.contact.email],
    subject: firstRound
      ? `Vetting checklist for the ${p.organisationName} partnership`
      : `Vetting: ${items.length === 1 ? "1 checklist item" : `${items.length} checklist items`} needed again for ${p.organisationName}`,
    paragraphs: [
      firstRound
        ? "Your needs assessment was approved. The next step is the office's partnership checklist: declarations, and evidence such as registration and insurance details."
        : "The partnership officer reviewed your checklist and needs some items again; the page says why for each.",
      `The items asked for: ${items.map((i) => i.title).join("; ")}.`,
      `Please complete it by ${deadline(office, decision.dueAt)}. You can save your answers and come back with the same link.`,
    ],
    link: { url: view.url, label: "Open the checklist" },
  });
}

export function vettingEvidenceReceipt(view: MailView & { statusUrl: string }) {
  const office = officeOf(view.config);
  const { partnership: p } = view;
  return compose(office, {
    to: [p.intake.contact.email],
    subject: `We received your vetting checklist for ${p.organisationName}`,
    paragraphs: [
      "Thank you: we received your checklist. The partnership officer will review each item, and we will email you if anything more is needed.",
    ],
    link: { url: view.statusUrl, label: "Your status page" },
  });
}
