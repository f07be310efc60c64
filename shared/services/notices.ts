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

/** The notices whose emails are built knowing each recipient's role: an ending's. */
type EndingNotice = Extract<Notice, { kind: "withdrawn" | "terminated" }>;

/** An email, with its recipient's role and its template, as the ledger records it. */
interface RoledMail {
  readonly mail: EmailMessage;
  readonly role: RecipientRole;
  readonly template: string;
}

/** A notice's emails: one, or one per audience when what each may read differs (at risk: partner, office). */
function noticeMails(
  deps: Needs<"config">,
  p: Partnership,
  notice: Exclude<Notice, EndingNotice>,
): EmailMessage[] {
  const mail = noticeMail(deps, p, notice);
  return Array.isArray(mail) ? mail : [mail];
}

function noticeMail(
  deps: Needs<"config">,
  p: Partnership,
  notice: Exclude<Notice, EndingNotice>,
): EmailMessage | EmailMessage[] {
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
 * An ending's emails, one each (the local mail catcher keeps only an email's first recipient; SES bills each
 * alike), each with its recipient's role. A withdrawal's go to the office and the officers of the closed
 * decisions, with the reason, and to the partner's contact a receipt of their own, without it. A termination's
 * go to the partner's contact, and to the signatory too once they confirmed their authority (the ledger says who
 * that is: the one named, or a delegate).
 */
async function endingMails(
  deps: Needs<"config" | "repository">,
  p: Partnership,
  notice: EndingNotice,
): Promise<RoledMail[]> {
  const office = officeOf(deps.config);
  const org = p.organisationName;
  const contact = p.intake.contact.email;
  if (notice.kind === "withdrawn")
    return [
      ...[...new Set([deps.config.OFFICE_EMAIL, ...notice.officers])].map(
        (to): RoledMail => ({
          mail: leavingEmails.withdrawn(office, [to], org, p.id, notice.reason),
          role: to === deps.config.OFFICE_EMAIL ? "office" : "officer",
          template: "withdrawn",
        }),
      ),
      // Recorded as a receipt, as a step's is (`<kind>:receipt`).
      {
        mail: leavingEmails.withdrawalReceipt(office, contact, org, notice.at),
        role: "partner",
        template: "withdrawn:receipt",
      },
    ];
  const signing = signatoryState(p.intake, await deps.repository.listEvents(p.id));
  const signatory = signing.confirmed ? signing.signatory.email : undefined;
  const to =
    signatory && signatory.toLowerCase() !== contact.toLowerCase() ? [contact, signatory] : [contact];
  return to.map((address) => ({
    mail: leavingEmails.terminated(office, [address], org, notice.reason),
    role: address === contact ? "partner" : "signatory",
    template: "terminated",
  }));
}

/**
 * Who a notice's email goes to: the office's mailbox for the office's own notices, the lead for a workflow that
 * needs attention; otherwise the partner.
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
    const mails =
      notice.kind === "withdrawn" || notice.kind === "terminated"
        ? await endingMails(deps, p, notice)
        : noticeMails(deps, p, notice).map(
            (mail): RoledMail => ({ mail, role: roleOf(deps, mail), template: notice.kind }),
          );
    for (const { mail, role, template } of mails)
      await sendRecorded(deps, mail, { partnershipId: p.id, template, role, actor: "system:workflow" });
  };
}
