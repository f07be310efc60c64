/** Email texts. No personal data and no task tokens: organisation names and capability links only. */
import type { EmailMessage } from "../ports/mailer.ts";
import { html } from "./html.ts";

interface Mail {
  to: string[];
  subject: string;
  paragraphs: string[];
  link?: { url: string; label: string } | undefined;
}

function compose(mail: Mail): EmailMessage {
  const text = [...mail.paragraphs, ...(mail.link ? [`${mail.link.label}: ${mail.link.url}`] : [])].join(
    "\n\n",
  );
  const body = html`<div style="font-family:sans-serif;max-width:40rem">${mail.paragraphs.map((p) => html`<p>${p}</p>`)}${
    mail.link ? html`<p><a href="${mail.link.url}">${mail.link.label}</a></p>` : ""
  }<p style="color:#667085;font-size:12px">This link is personal to you; please don't forward it.</p></div>`;
  // A subject is one line, whatever the partner typed into the name it quotes.
  return { to: mail.to, subject: mail.subject.replace(/\s+/g, " ").trim(), text, html: body.value };
}

export const emails = {
  acknowledgement: (to: string, org: string, statusUrl: string) =>
    compose({
      to: [to],
      subject: `We received the partnership intake for ${org}`,
      paragraphs: [
        `Thank you for telling us about ${org} and what you would like to do with learners.`,
        "A partnership officer will review your needs assessment. You can follow each step on your private status page.",
      ],
      link: { url: statusUrl, label: "Your status page" },
    }),
  decisionRequest: (to: string, org: string, decisionUrl: string, dueAt: string) =>
    compose({
      to: [to],
      subject: `Decision needed: intake review for ${org}`,
      paragraphs: [
        `${org} has submitted a partnership intake and its needs assessment has been scored.`,
        `Please review it and decide by ${dueAt.slice(0, 10)}: proceed to vetting, ask for more information, or decline.`,
        "Opening the link shows the details; nothing is decided until you confirm on that page.",
      ],
      link: { url: decisionUrl, label: "Review the intake" },
    }),
  moreInformation: (to: string, org: string, editUrl: string, request: string) =>
    compose({
      to: [to],
      subject: `More information needed for the ${org} partnership`,
      paragraphs: [
        "The partnership officer reviewed your intake and needs more information before going on.",
        `The officer wrote: “${request}”`,
        "Please correct or complete your answers and submit them again.",
      ],
      link: { url: editUrl, label: "Update your answers" },
    }),
  approved: (to: string, org: string, statusUrl?: string) =>
    compose({
      to: [to],
      subject: `The ${org} partnership moves on to vetting`,
      paragraphs: [
        "Good news: the partnership officer approved your needs assessment.",
        "The next step is the partner vetting checklist; we will email you what we need.",
      ],
      link: statusUrl ? { url: statusUrl, label: "Your status page" } : undefined,
    }),
  declined: (to: string, org: string, reason: string) =>
    compose({
      to: [to],
      subject: `About the ${org} partnership intake`,
      paragraphs: [
        "Thank you for your interest. After review, the office will not go ahead with this partnership now.",
        `The officer's reason: “${reason}”`,
      ],
    }),
  expired: (to: string, org: string, partnershipId: string) =>
    compose({
      to: [to],
      subject: `Expired without a decision: ${org}`,
      paragraphs: [
        `The onboarding of ${org} (partnership ${partnershipId}) expired because a step was not completed in time.`,
        "The partnership is now EXPIRED. Please follow up with the partner and the officer.",
      ],
    }),
  failure: (to: string, partnershipId: string, error: string) =>
    compose({
      to: [to],
      subject: `Onboarding needs attention: partnership ${partnershipId}`,
      paragraphs: [
        `The onboarding workflow of partnership ${partnershipId} stopped with the error ${error}.`,
        "The error is recorded in the partnership's ledger. Please investigate.",
      ],
    }),
};
