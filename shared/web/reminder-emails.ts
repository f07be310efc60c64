/**
 * The emails of a step that waits too long: the reminder to whoever is asked (with the same link the step's
 * email carried), the escalation to the lead (an officer's step with that same link), and the lead's notice that
 * the step timed out. Like every email:
 * the organisation's name and no other personal data, the office's signature, dates in the office's zone.
 */
import type { EmailMessage } from "../ports/mailer.ts";
import { compose, deadline, type Office } from "./emails.ts";
import { stepName } from "./inbox-page.ts";

/** "intake review" from "intake-review". */
const stepWords = (kind: string) => stepName(kind).toLowerCase();

export interface ReminderMail {
  readonly to: string;
  readonly org: string;
  readonly kind: string;
  readonly dueAt: string;
  readonly expiresAt: string;
  /** The step's link, the very one its first email carried; absent when none is kept (an older decision). */
  readonly url?: string | undefined;
}

/** To the one asked: the step is overdue; the same link; when it stops working. */
export function reminderEmail(office: Office, mail: ReminderMail): EmailMessage {
  const step = stepWords(mail.kind);
  return compose(office, {
    to: [mail.to],
    subject: `Reminder: the ${step} for ${mail.org} is overdue`,
    paragraphs: [
      `This is a reminder: the ${step} for ${mail.org} was due ${deadline(office, mail.dueAt)}, and we have not had it yet.`,
      mail.url
        ? "The link below is the same one we sent before; it works until it is used."
        : "Please use the link in our earlier email about it.",
      `If it is not done by ${deadline(office, mail.expiresAt)}, the office lead is told and the step ends without it.`,
    ],
    ...(mail.url ? { link: { url: mail.url, label: `Open the ${step}` } } : {}),
  });
}

export interface EscalationMail extends Omit<ReminderMail, "url"> {
  /** Reminders sent before it. */
  readonly reminders: number;
  /** Who is asked, as a role: the lead's email names only an officer (staff), never the partner's people. */
  readonly asked: "officer" | "partner" | "signatory";
  /** The officer assigned, named to the lead; for an officer's step only. */
  readonly officer?: string | undefined;
  /**
   * An officer's step's own link, the very one its email and reminders carried, when the lead may decide it:
   * escalated, it decides only with a staff session, and records whoever is signed in. Never a partner's or a
   * signatory's (theirs alone: the lead must never answer as them).
   */
  readonly url?: string | undefined;
  /** Where staff sign in (with the link, deciding needs it). */
  readonly signInUrl: string;
  /** Where the lead sees it: the inbox (an officer's step), or the partnership's page in the console. */
  readonly staffUrl: string;
}

/**
 * To the lead: a step is overdue after its reminders. An officer's step carries its own link (signed in, the
 * lead decides it as the lead: the ledger names them, past the same conflict-of-interest and segregation checks
 * as any officer), or, without one, where to follow it up; a partner's or signatory's says that their link is
 * theirs and links the partnership's page in the console, to chase them.
 */
export function escalationEmail(office: Office, mail: EscalationMail): EmailMessage {
  const step = stepWords(mail.kind);
  const who = {
    officer: mail.officer ? `the officer assigned (${mail.officer})` : "the officer assigned",
    partner: "the partner",
    signatory: "the signatory",
  }[mail.asked];
  const followUp =
    mail.asked === "officer"
      ? mail.url
        ? `You can decide it yourself with the link below, the same one the officer was sent: it now decides only when you are signed in (${mail.signInUrl}), and records the decision as yours. Or follow it up with ${who} (their open decisions are in the staff inbox: ${mail.staffUrl}).`
        : `Please follow it up with ${who} (their open decisions are in the staff inbox: ${mail.staffUrl}).`
      : `Their link is theirs alone, so this email does not carry it. Please follow it up with ${who}: ${mail.staffUrl}`;
  return compose(office, {
    to: [mail.to],
    subject: `Overdue: the ${step} for ${mail.org}`,
    paragraphs: [
      `The ${step} for ${mail.org} was due ${deadline(office, mail.dueAt)}. ${who.charAt(0).toUpperCase()}${who.slice(1)} was reminded ${mail.reminders} time${mail.reminders === 1 ? "" : "s"} and has not acted.`,
      followUp,
      `If it is not done by ${deadline(office, mail.expiresAt)}, the step times out and you will be told.`,
    ],
    ...(mail.url && mail.asked === "officer"
      ? {
          link: { url: mail.url, label: `Open the ${step} (sign in to decide)` },
          linkNote:
            "This is the step's own link, the one the officer has too; it decides only for staff signed in. Please don't forward it outside the office.",
        }
      : {}),
  });
}

export interface TimedOutMail {
  readonly to: string;
  readonly org: string;
  readonly kind: string;
  readonly dueAt?: string | undefined;
  /** What happens next: the onboarding expires, the partnership is marked at risk, or an amendment lapses. */
  readonly after: "expires" | "at-risk" | "amendment-lapses";
  readonly staffUrl: string;
}

const TIMED_OUT_NEXT: Record<TimedOutMail["after"], string> = {
  expires: "The partnership's onboarding now expires.",
  "at-risk": "The partnership is now marked at risk.",
  "amendment-lapses":
    "The amendment now lapses: the partnership stays active on the agreement in force, and no new version is made. You can start another review, or terminate the partnership, from the console.",
};

/** To the lead: a step timed out; what the workflow does now. */
export function timedOutEmail(office: Office, mail: TimedOutMail): EmailMessage {
  const step = stepWords(mail.kind);
  return compose(office, {
    to: [mail.to],
    subject: `Timed out: the ${step} for ${mail.org}`,
    paragraphs: [
      `The ${step} for ${mail.org}${mail.dueAt ? `, due ${deadline(office, mail.dueAt)},` : ""} was not done in time, after its reminders and its escalation.`,
      TIMED_OUT_NEXT[mail.after],
      `Its record: ${mail.staffUrl}`,
    ],
  });
}
