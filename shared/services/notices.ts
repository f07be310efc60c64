/** The emails the workflow's notices owe (see domain/pending-effects.ts), sent when a step pays them. */
import type { Partnership } from "../domain/partnership.ts";
import type { Notice } from "../domain/pending-effects.ts";
import { signatoryState } from "../domain/signatory-state.ts";
import type { RecipientRole } from "../events/email-events.ts";
import type { EmailMessage } from "../ports/mailer.ts";
import { emails, officeOf } from "../web/emails.ts";
import { leavingEmails } from "../web/leaving-emails.ts";
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
    case "withdrawn":
      // One email each: the local mail catcher keeps only an email's first recipient (SES bills each alike).
      // The partner's contact gets a receipt of their own, without their reason.
      return [
        ...[...new Set([deps.config.OFFICE_EMAIL, ...notice.officers])].map((to) =>
          leavingEmails.withdrawn(office, [to], org, p.id, notice.reason),
        ),
        leavingEmails.withdrawalReceipt(office, p.intake.contact.email, org, notice.at),
      ];
    case "terminated":
      // The signatory, when confirmed, is added by the notifier (it reads the ledger).
      return leavingEmails.terminated(office, [p.intake.contact.email], org, notice.reason);
    default:
      return reviewNoticeMails(deps, p, notice);
  }
}

/**
 * The termination's emails: to the partner's contact, and to the signatory too once they confirmed their
 * authority (the ledger says who that is: the one named, or a delegate); one email each.
 */
async function terminationMails(
  deps: Needs<"config" | "repository">,
  p: Partnership,
  notice: Notice & { kind: "terminated" },
): Promise<EmailMessage[]> {
  const signing = signatoryState(p.intake, await deps.repository.listEvents(p.id));
  const contact = p.intake.contact.email;
  const signatory = signing.confirmed ? signing.signatory.email : undefined;
  const to =
    signatory && signatory.toLowerCase() !== contact.toLowerCase() ? [contact, signatory] : [contact];
  return to.map((address) =>
    leavingEmails.terminated(officeOf(deps.config), [address], p.organisationName, notice.reason),
  );
}

/**
 * Who a notice's email goes to: the office's mailbox for the office's own notices, the lead for a workflow that
 * needs attention; a withdrawal's, the office and officers, and the partner's contact its receipt; a termination's, the partner's contact and the
 * signatory; otherwise the partner.
 */
function roleOf(deps: Needs<"config">, p: Partnership, notice: Notice, mail: EmailMessage) {
  if (notice.kind === "withdrawn")
    return (to: string): RecipientRole =>
      to === deps.config.OFFICE_EMAIL ? "office" : notice.officers.includes(to) ? "officer" : "partner";
  if (notice.kind === "terminated")
    return (to: string): RecipientRole =>
      to.toLowerCase() === p.intake.contact.email.toLowerCase() ? "partner" : "signatory";
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
    const mails =
      notice.kind === "terminated" ? await terminationMails(deps, p, notice) : noticeMails(deps, p, notice);
    for (const mail of mails) {
      const role = roleOf(deps, p, notice, mail);
      // The partner's receipt of their withdrawal is recorded as a receipt, as a step's is (`<kind>:receipt`).
      const receipt =
        notice.kind === "withdrawn" && typeof role === "function" && role(mail.to[0] ?? "") === "partner";
      await sendRecorded(deps, mail, {
        partnershipId: p.id,
        template: receipt ? "withdrawn:receipt" : notice.kind,
        role,
        actor: "system:workflow",
      });
    }
  };
}
