/** Server-rendered pages: the partner's status, and the thank-you page after an intake. */
import type { AppConfig } from "../config/app-config.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import { isTerminal, type Stage } from "../domain/lifecycle.ts";
import type { Decision, Partnership } from "../domain/partnership.ts";
import { describeForPartner } from "../events/registry.ts";
import { STEP_WAITING } from "../steps/events.ts";
import { formatDateTime } from "./dates.ts";
import { html, type SafeHtml } from "./html.ts";
import { reviewHistoryTable } from "./review-history.ts";
import { stageName } from "./stage-names.ts";

const NEXT_STEP: Record<Stage, string> = {
  SUBMITTED: "We have your intake and are about to assess it.",
  ASSESSING: "A partnership officer is reviewing your needs assessment.",
  VETTING: "Next is the partner vetting checklist; we will email you what we need.",
  CONFIRMING_AUTHORITY: "We are confirming that your signatory can commit your organisation.",
  SIGNING: "The agreement is ready to sign.",
  ACTIVE: "The partnership is active.",
  IN_REVIEW: "The partnership is in its periodic review.",
  NEEDS_ATTENTION: "Something went wrong on our side; the office has been told and will take it from here.",
  DECLINED: "The office decided not to go ahead with this partnership.",
  WITHDRAWN: "The partnership was withdrawn.",
  EXPIRED: "A step was not completed in time, so the onboarding expired. The office will be in touch.",
  TERMINATED: "The partnership has ended.",
};

/**
 * The signed agreement and its certificate, once an agreement was completed, whatever came after (a review, an
 * ending: the partner may need the signed agreement then too): links
 * below the status page's own address (`statusPath`, "/status/<token>"). The certificate exists only for an
 * agreement signed electronically.
 */
function agreementDocuments(events: readonly LedgerEvent[], statusPath: string): SafeHtml | "" {
  const completed = events.findLast((e) => e.type === "AgreementCompleted");
  if (!completed) return "";
  const certified = typeof completed.data.certificatePdfSha256 === "string";
  return html`<h2>Your agreement</h2><ul id="agreement-documents"><li><a id="agreement-pdf" href="${statusPath}/agreement.pdf">The signed agreement (PDF)</a></li>${
    certified
      ? html`<li><a id="certificate" href="${statusPath}/certificate">The completion certificate</a> (also as <a href="${statusPath}/certificate.pdf">PDF</a> and <a href="${statusPath}/certificate.json">JSON</a>)</li>`
      : ""
  }</ul>`;
}

/**
 * `awaited`: the decision the partnership waits for, if any (awaitedDecision); its step says what it waits for.
 * `statusPath`: the page's own path, below which its documents are linked.
 */
export function statusPage(
  p: Partnership,
  events: readonly LedgerEvent[],
  awaited: Decision | undefined,
  config: AppConfig,
  statusPath?: string,
): SafeHtml {
  const history = events.flatMap((e) => {
    const entry = describeForPartner(e);
    return entry ? [{ at: e.at, entry }] : [];
  });
  const waiting =
    awaited && Object.hasOwn(STEP_WAITING, awaited.kind) ? STEP_WAITING[awaited.kind] : undefined;
  const next = awaited && waiting ? waiting(awaited, config) : NEXT_STEP[p.stage];
  return html`<h1>${p.organisationName}</h1>
<div class="card"><p>Current stage: <span class="stage" id="stage" data-stage="${p.stage}">${stageName(p.stage)}</span></p>
<p id="next">${next}</p></div>
${statusPath ? agreementDocuments(events, statusPath) : ""}
${reviewHistoryTable(events, config.TIME_ZONE, { ended: isTerminal(p.stage) })}
${statusPath && !isTerminal(p.stage) ? html`<p><a id="withdraw-link" href="${statusPath}/withdraw">Withdraw from the partnership</a></p>` : ""}
<h2>History</h2><table id="history"><thead><tr><th>When</th><th>What happened</th></tr></thead><tbody>${history.map(
    (h) => html`<tr><td>${formatDateTime(h.at, config.TIME_ZONE)}</td><td>${h.entry}</td></tr>`,
  )}</tbody></table>`;
}

/** A sentence ending in a name that may end in its own full stop ("Ltd."): one stop, not two. */
const withStop = (text: string) => (text.endsWith(".") ? text : `${text}.`);

export function thanksPage(org: string, statusUrl: string, created: boolean): SafeHtml {
  return html`<h1>Thank you</h1><p>${
    created
      ? `We received the intake for ${withStop(org)}`
      : `We already had the intake for ${org}; it was not submitted twice.`
  } We have emailed you a link to your private status page.</p><p><a id="status-link" href="${statusUrl}">Follow your partnership's status</a></p>`;
}
