/** The emails the workflow's notices owe (see domain/pending-effects.ts), sent when a step pays them. */
import type { Partnership } from "../domain/partnership.ts";
import type { Notice } from "../domain/pending-effects.ts";
import type { RecipientRole } from "../events/email-events.ts";
import type { EmailMessage } from "../ports/mailer.ts";
import { emails, officeOf } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";
import type { Notify } from "./pending-effects.ts";
import { reviewNoticeMails } from "./review-notices.ts";
import { sendRecorded } from "./sent-emails.ts";

/** A notice's emails: one, or one per audience when what each may read differs (at risk: partner, office). */
export function noticeMails(deps: Needs<"config">, p: Partnership, notice: Notice): EmailMessage[] {
  const mail = noticeMail(deps, p, notice);
  return Array.isArray(mail) ? mail : [mail];
}

function noticeMail(deps: Needs<"config">, p: Partnership, notice: Notice): EmailMessage | EmailMessage[] {
  const org = p.organisationName;
  const office = officeOf(deps.config);
  switch (notice.kind) {
    case "approved":
      return emails.approved(office, p.intake.contact.email, org, notice.comment);
    case "vetted":
      return emails.vetted(office, p.intake.contact.email, org, notice.waivers ?? [], notice.comment);
    case "authority-confirmed":
      return emails.authorityConfirmed(office, p.intake.contact.email, org);
    case "declined":
      return emails.declined(office, p.intake.contact.email, org, notice.comment);
    case "expired":
      return emails.expired(office, deps.config.OFFICE_EMAIL, org, p.id);
    case "vetting-renewed":
      return emails.vettingRenewed(office, p.intake.contact.email, org, notice.waivedUntil);
    case "at-risk":
      // The partner is not blamed when the office's own review ran out of time.
      if (notice.reason === "evidence-lapsed")
        return [
          emails.evidenceLapsed(office, p.intake.contact.email, org, notice.lapsed ?? []),
          emails.evidenceLapsedForOffice(office, deps.config.OFFICE_EMAIL, org, p.id, notice.lapsed ?? []),
        ];
      return notice.reason === "review-overdue"
        ? emails.reviewOverdue(office, deps.config.OFFICE_EMAIL, org, p.id)
        : [
            emails.atRisk(office, p.intake.contact.email, org, notice.comment),
            emails.atRiskForOffice(office, deps.config.OFFICE_EMAIL, org, p.id, notice.comment),
          ];
    case "failure":
      return notice.workflow
        ? emails.needsAttention(office, deps.config.LEAD_EMAIL ?? deps.config.OFFICE_EMAIL, {
            organisation: org,
            partnershipId: p.id,
            workflow: notice.workflow,
            state: notice.state,
            error: notice.error,
            inboxUrl: `${deps.config.PUBLIC_BASE_URL}/console/inbox`,
          })
        : emails.failure(office, deps.config.OFFICE_EMAIL, p.id, notice.error, notice.round);
    default:
      return reviewNoticeMails(deps, p, notice);
  }
}

/**
 * Who a notice's email goes to: the office's mailbox for the office's own notices, the lead for a workflow that
 * needs attention, otherwise the partner.
 */
function roleOf(deps: Needs<"config">, mail: EmailMessage): RecipientRole {
  if (mail.to.every((to) => to === deps.config.OFFICE_EMAIL)) return "office";
  const lead = deps.config.LEAD_EMAIL;
  if (lead && mail.to.every((to) => to.toLowerCase() === lead)) return "lead";
  // The office and the lead together (told of a review's overdue step): staff.
  return mail.to.every((to) => to.toLowerCase() === lead || to === deps.config.OFFICE_EMAIL)
    ? "officer"
    : "partner";
}

/** Notify for a step that may owe notices: each is sent by the mailer, as its email, and recorded (EmailSent). */
export function notifier(deps: Needs<"mailer" | "config" | "repository" | "clock">): Notify {
  return async (p, notice) => {
    for (const mail of noticeMails(deps, p, notice))
      await sendRecorded(deps, mail, {
        partnershipId: p.id,
        template: notice.kind,
        role: roleOf(deps, mail),
        actor: "system:workflow",
      });
  };
}
