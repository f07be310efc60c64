/**
 * Email texts and their shape. No personal data beyond the organisation's name, and no task tokens: the only
 * secrets an email carries are its own capability link. Every email ends with the office's name, how to
 * reach it, and where replies go; every request states its deadline in the office's time zone.
 */
import type { AppConfig } from "../config/app-config.ts";
import { calendarDateWords } from "../domain/calendar-dates.ts";
import type { EmailMessage } from "../ports/mailer.ts";
import { formatDateTime } from "./dates.ts";
import { html } from "./html.ts";

/** Who signs the emails, from the configuration. */
export interface Office {
  readonly name: string;
  readonly contact: string;
  readonly replyTo: string;
  readonly timeZone: string;
}

export function officeOf(
  config: Pick<AppConfig, "OFFICE_NAME" | "OFFICE_CONTACT" | "OFFICE_EMAIL" | "REPLY_TO_EMAIL" | "TIME_ZONE">,
): Office {
  return {
    name: config.OFFICE_NAME,
    contact: config.OFFICE_CONTACT,
    replyTo: config.REPLY_TO_EMAIL ?? config.OFFICE_EMAIL,
    timeZone: config.TIME_ZONE,
  };
}

/**
 * A sentence ending in a name, with its full stop unless the name brings one ("… Supplies Ltd."), or in a quote
 * that ends in its own (“… stands.”).
 */
export function endSentence(text: string): string {
  return /[.!?][”"’']?$/.test(text) ? text : `${text}.`;
}

export interface Mail {
  readonly to: string[];
  readonly subject: string;
  readonly paragraphs: readonly string[];
  readonly link?: { readonly url: string; readonly label: string } | undefined;
  /** What the email says under its link; by default that it is personal (an escalation's is shared with staff). */
  readonly linkNote?: string | undefined;
}

/** The email: its paragraphs, its link, and the office's signature, as text and as HTML. */
export function compose(office: Office, mail: Mail): EmailMessage {
  const signature = [
    office.name,
    office.contact,
    `Reply to this email to reach the office (${office.replyTo}).`,
  ].filter(Boolean);
  const personal = mail.link
    ? (mail.linkNote ?? "This link is personal to you; please don't forward it.")
    : undefined;
  const text = [
    ...mail.paragraphs,
    ...(mail.link ? [`${mail.link.label}: ${mail.link.url}`, personal] : []),
    `— ${signature.join("\n")}`,
  ].join("\n\n");
  const body = html`<div style="font-family:sans-serif;max-width:40rem;overflow-wrap:anywhere">${mail.paragraphs.map((p) => html`<p>${p}</p>`)}${
    mail.link
      ? html`<p><a href="${mail.link.url}">${mail.link.label}</a></p><p style="color:#475467;font-size:13px">${personal}</p>`
      : ""
  }<p style="color:#475467;font-size:13px;border-top:1px solid #d0d5dd;padding-top:8px">${signature.map((line, i) => html`${i > 0 ? html`<br>` : ""}${line}`)}</p></div>`;
  return {
    to: mail.to,
    replyTo: [office.replyTo],
    // A subject is one line, whatever the partner typed into the name it quotes.
    subject: mail.subject.replace(/\s+/g, " ").trim(),
    text,
    html: body.value,
  };
}

/** "Please … by December 10, 2026 at 5:00 p.m. EST (America/Toronto)." */
export function deadline(office: Office, dueAt: string): string {
  return formatDateTime(dueAt, office.timeZone);
}

/** The officer's words as the partner reads them, if there are any. */
/** Evidence that lapsed, as an email names it: its item's title and its last valid day (YYYY-MM-DD). */
export interface LapsedEvidence {
  readonly title: string;
  readonly expiresOn: string;
}

const officerWrote = (comment: string | undefined) =>
  comment?.trim() ? [`The officer wrote: “${comment.trim()}”`] : [];

export const emails = {
  acknowledgement: (office: Office, to: string, org: string, statusUrl: string) =>
    compose(office, {
      to: [to],
      subject: `We received the partnership intake for ${org}`,
      paragraphs: [
        `Thank you for telling us about ${org} and what you would like to do with learners.`,
        "A partnership officer will review your needs assessment. You can follow each step on your private status page.",
      ],
      link: { url: statusUrl, label: "Your status page" },
    }),
  approved: (office: Office, to: string, org: string, comment?: string) =>
    compose(office, {
      to: [to],
      subject: `The ${org} partnership moves on to vetting`,
      paragraphs: [
        "Good news: the partnership officer approved your needs assessment.",
        ...officerWrote(comment),
        "The next step is the partner vetting checklist; we will email you what we need. You can follow each step with the status link in our emails.",
      ],
    }),
  vetted: (
    office: Office,
    to: string,
    org: string,
    waivers: readonly { title: string; until: string; reason: string }[] = [],
    comment?: string,
  ) =>
    compose(office, {
      to: [to],
      subject: `Vetting is complete for the ${org} partnership`,
      paragraphs: [
        "The partnership officer has reviewed and accepted your vetting checklist.",
        ...waivers.map(
          (w) =>
            `${w.title} can wait until ${calendarDateWords(w.until)} (“${w.reason}”). We will ask for it again after that date.`,
        ),
        ...(comment ? [`The officer's comment: “${comment}”`] : []),
        "Next, the person who signs for your organisation is asked, by email, to confirm their authority to sign the partnership agreement.",
      ],
    }),
  vettingRenewed: (office: Office, to: string, org: string, waivedUntil?: string) =>
    compose(office, {
      to: [to],
      subject: `Vetting renewed for the ${org} partnership`,
      paragraphs: [
        "The partnership officer has reviewed the checklist items you sent after their waiver ended.",
        waivedUntil
          ? `Some were waived again, until ${calendarDateWords(waivedUntil)}: we will ask for them once more after that date. Your status page says which.`
          : "Nothing more is needed from you for now; the partnership goes on as agreed.",
      ],
    }),
  atRisk: (office: Office, to: string, org: string, comment?: string) =>
    compose(office, {
      to: [to],
      subject: `The ${org} partnership is at risk`,
      paragraphs: [
        "The checklist items the office let wait were not accepted after the waiver ended, so the partnership is recorded as at risk. It stays active for now.",
        comment ? `The officer's reason: ${comment}` : "The items were not given in time.",
        "The office will be in touch about what happens next; please contact it with any questions.",
      ],
    }),
  atRiskForOffice: (office: Office, to: string, org: string, partnershipId: string, comment?: string) =>
    compose(office, {
      to: [to],
      subject: `At risk: ${org}`,
      paragraphs: [
        `The vetting renewal of ${org} (partnership ${partnershipId}) ended at risk: ${comment ? `the officer did not accept the items (“${comment}”)` : "the partner did not give the items in time"}. The partner has been told.`,
        "The partnership stays active; decide with the office lead what happens next.",
      ],
    }),
  /** Required evidence lapsed without renewed evidence verified: the partner's contact. */
  evidenceLapsed: (office: Office, to: string, org: string, lapsed: readonly LapsedEvidence[]) =>
    compose(office, {
      to: [to],
      subject: `The ${org} partnership is at risk: evidence has lapsed`,
      paragraphs: [
        "Evidence the partnership relies on has lapsed, and no renewed evidence has been verified, so the partnership is recorded as at risk. It stays active for now.",
        ...lapsed.map((l) => `${l.title}: valid until ${calendarDateWords(l.expiresOn)}.`),
        "If you have sent renewed evidence, the office is reviewing it. Otherwise, please contact the office about what happens next.",
      ],
    }),
  /** The same, for the office's mailbox: with the partnership's id. */
  evidenceLapsedForOffice: (
    office: Office,
    to: string,
    org: string,
    partnershipId: string,
    lapsed: readonly LapsedEvidence[],
  ) =>
    compose(office, {
      to: [to],
      subject: `At risk: ${org}: evidence lapsed`,
      paragraphs: [
        `Required evidence of ${org} (partnership ${partnershipId}) lapsed without renewed evidence verified, so the partnership is recorded as at risk. The partner has been told.`,
        ...lapsed.map((l) => `${l.title}: valid until ${calendarDateWords(l.expiresOn)}.`),
        "The partnership stays active; decide with the office lead what happens next.",
      ],
    }),
  reviewOverdue: (office: Office, to: string, org: string, partnershipId: string) =>
    compose(office, {
      to: [to],
      subject: `Vetting renewal not reviewed: ${org} is at risk`,
      paragraphs: [
        `${org} (partnership ${partnershipId}) sent the checklist items its waiver put off, but no officer reviewed them in time, even after the review went to a second person. The partnership is recorded as at risk.`,
        "The partner was not told: they did their part. The items they sent are in the partnership's ledger.",
      ],
    }),
  authorityConfirmed: (office: Office, to: string, org: string) =>
    compose(office, {
      to: [to],
      subject: `The agreement for the ${org} partnership is being prepared`,
      paragraphs: [
        "The authority of the person who signs for your organisation is confirmed.",
        "The office is now preparing the partnership agreement; your signatory will be emailed a link to read and sign it.",
      ],
    }),
  declined: (office: Office, to: string, org: string, reason: string) =>
    compose(office, {
      to: [to],
      subject: `About the ${org} partnership intake`,
      paragraphs: [
        "Thank you for your interest. After review, the office will not go ahead with this partnership now.",
        `The officer's reason: “${reason}”`,
      ],
    }),
  expired: (office: Office, to: string, org: string, partnershipId: string) =>
    compose(office, {
      to: [to],
      subject: `Expired without a decision: ${org}`,
      paragraphs: [
        `The onboarding of ${org} (partnership ${partnershipId}) expired because a step was not completed in time.`,
        "The partnership is now EXPIRED. Please follow up with the partner and the officer.",
      ],
    }),
  ledgerCheckFailed: (
    office: Office,
    to: string,
    problems: readonly { partnershipId: string; seq: number; reason: string }[],
  ) => {
    const partnerships = new Set(problems.map((p) => p.partnershipId)).size;
    return compose(office, {
      to: [to],
      subject: `Ledger check failed: ${partnerships} ${partnerships === 1 ? "partnership" : "partnerships"}`,
      paragraphs: [
        "The scheduled checkpoint found ledgers that do not check out, and signed nothing. Investigate before the next run:",
        ...problems.map((p) => `Partnership ${p.partnershipId}, event ${p.seq}: ${p.reason}.`),
      ],
    });
  },
  /**
   * The lead (else the office): a workflow failed and the partnership needs attention. The inbox's link is to a
   * signed-in page, no capability: it carries no token. The error is its name, never its cause.
   */
  needsAttention: (
    office: Office,
    to: string,
    what: {
      organisation: string;
      partnershipId: string;
      workflow: string;
      state?: string | undefined;
      error: string;
      inboxUrl: string;
    },
  ) =>
    compose(office, {
      to: [to],
      subject: `Needs attention: ${what.organisation}`,
      paragraphs: [
        `The ${what.workflow.replace(/-/g, " ")} of ${what.organisation} (partnership ${what.partnershipId}) stopped${what.state ? ` at the step ${what.state}` : ""} with the error ${what.error}.`,
        "The partnership now needs attention: nothing moves on until you retry the failed step or terminate the partnership, from your inbox. The error is recorded in its ledger.",
      ],
      link: { url: what.inboxUrl, label: "Open the inbox" },
    }),
  failure: (office: Office, to: string, partnershipId: string, error: string, round?: string) =>
    compose(office, {
      to: [to],
      subject: `${round ? "Vetting renewal" : "Onboarding"} needs attention: partnership ${partnershipId}`,
      paragraphs: [
        round
          ? `The vetting renewal of partnership ${partnershipId} (due ${round}) stopped with the error ${error}.`
          : `The onboarding workflow of partnership ${partnershipId} stopped with the error ${error}.`,
        "The error is recorded in the partnership's ledger. Please investigate.",
      ],
    }),
};
