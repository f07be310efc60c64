/**
 * The email that asks the partner for the checklist items whose waiver has ended, whose evidence expires within
 * the notice window, or that were asked for again since, saying which and why.
 */
import { calendarDateWords, expiryWords, todayIn } from "../../domain/calendar-dates.ts";
import { itemsToRequest } from "../../domain/vetting-state.ts";
import { compose, deadline, officeOf } from "../../web/emails.ts";
import type { MailView } from "../step.ts";
import { renewalWindowEnd } from "../vetting-evidence/schema.ts";
import { vettingOf } from "../vetting-view.ts";

export function vettingRenewalEmail(view: MailView & { url: string }) {
  const office = officeOf(view.config);
  const { partnership: p, decision } = view;
  const today = todayIn(view.now ?? new Date(), view.config.TIME_ZONE);
  const asked = itemsToRequest(vettingOf(view).state, today, renewalWindowEnd(view, today));
  const one = asked.length === 1;
  const why = asked.map((s) =>
    s.status === "waived"
      ? `${s.item.title}: the office let it wait until ${calendarDateWords(s.verdict?.waivedUntil ?? "")} (“${s.verdict?.reason ?? ""}”).`
      : s.status === "verified"
        ? `${s.item.title}: your evidence ${expiryWords(s.evidence?.expiresOn ?? "", today)}; please give the renewed evidence.`
        : `${s.item.title}: asked for again (“${s.verdict?.reason ?? ""}”).`,
  );
  return compose(office, {
    to: [p.intake.contact.email],
    subject: `Vetting: ${one ? "1 checklist item" : `${asked.length} checklist items`} needed for ${p.organisationName}`,
    paragraphs: [
      `Your partnership is active. To keep its vetting up to date, please give ${one ? "this checklist item" : "these checklist items"} now:`,
      ...why,
      `Please send ${one ? "it" : "them"} by ${deadline(office, decision.dueAt)}; you can save your answers and come back with the same link. If nothing is sent by then, the partnership is recorded as at risk and the office will contact you.`,
    ],
    link: { url: view.url, label: "Open the checklist" },
  });
}
