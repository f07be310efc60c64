/** Server-rendered pages: the partner's status, the officer's confirmation, thanks. */
import type { LedgerEvent } from "../domain/ledger.ts";
import type { Stage } from "../domain/lifecycle.ts";
import type { Decision, DecisionKind, Partnership } from "../domain/partnership.ts";
import { assessmentView } from "./assessment-view.ts";
import { html, type SafeHtml } from "./html.ts";
import { intakeAnswers } from "./intake-answers.ts";

const NEXT_STEP: Record<string, string> = {
  SUBMITTED: "We have your intake and are about to assess it.",
  ASSESSING: "A partnership officer is reviewing your needs assessment.",
  VETTING: "Next is the partner vetting checklist; we will email you what we need.",
  CONFIRMING_AUTHORITY: "We are confirming that your signatory can commit your organisation.",
  SIGNING: "The agreement is ready to sign.",
  ACTIVE: "The partnership is active.",
  IN_REVIEW: "The partnership is in its periodic review.",
  DECLINED: "The office decided not to go ahead with this partnership.",
  WITHDRAWN: "The partnership was withdrawn.",
  EXPIRED: "A step was not completed in time, so the onboarding expired. The office will be in touch.",
  TERMINATED: "The partnership has ended.",
};

/** What a partner reads for each stage; the code stays in the page as data-stage. */
const STAGE_NAMES: Record<Stage, string> = {
  SUBMITTED: "Submitted",
  ASSESSING: "Needs assessment",
  VETTING: "Vetting",
  CONFIRMING_AUTHORITY: "Confirming authority",
  SIGNING: "Signing the agreement",
  ACTIVE: "Active",
  IN_REVIEW: "In review",
  TERMINATED: "Ended",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
  EXPIRED: "Expired",
};

const stageName = (code: string) => STAGE_NAMES[code as Stage] ?? code;

const WAITING: Record<DecisionKind, string> = {
  "intake-review": "Waiting for: the partnership officer's decision.",
  resubmission: "Waiting for: your updated answers (see the email we sent you).",
};

/** What the history shows of an event, if anything: the stages, and the rounds of more information. */
function historyEntry(e: LedgerEvent): string | undefined {
  if (e.type === "IntakeSubmitted") return stageName("SUBMITTED");
  if (e.type === "StageChanged") return stageName(String(e.data.to ?? ""));
  if (e.type === "OfficerDecided" && e.data.outcome === "request-info") return "More information requested";
  if (e.type === "IntakeResubmitted") return "Updated answers received";
  return undefined;
}

const day = (iso: string) => iso.slice(0, 10);

/** `awaited`: the decision the partnership waits for, if any (awaitedDecision). */
export function statusPage(
  p: Partnership,
  events: readonly LedgerEvent[],
  awaited?: Decision | undefined,
): SafeHtml {
  const history = events.flatMap((e) => {
    const entry = historyEntry(e);
    return entry ? [{ at: e.at, entry }] : [];
  });
  // Asked for more information, the partner is the one the onboarding waits for, not an officer.
  const next =
    awaited?.kind === "resubmission"
      ? html`The office needs more information before it decides: “${awaited.request ?? ""}” Please send your updated answers by ${day(awaited.dueAt)}, with the link in the email we sent you.`
      : (NEXT_STEP[p.stage] ?? "");
  return html`<h1>${p.organisationName}</h1>
<div class="card"><p>Current stage: <span class="stage" id="stage" data-stage="${p.stage}">${stageName(p.stage)}</span></p>
<p id="next">${next}</p>${awaited ? html`<p id="waiting">${WAITING[awaited.kind]}</p>` : ""}</div>
<h2>History</h2><table><thead><tr><th>When</th><th>What happened</th></tr></thead><tbody>${history.map(
    (h) => html`<tr><td>${h.at.replace("T", " ").slice(0, 16)} UTC</td><td>${h.entry}</td></tr>`,
  )}</tbody></table>`;
}

export function decisionPage(p: Partnership, d: Decision, action: string): SafeHtml {
  return html`<h1>Intake review: ${p.organisationName}</h1>
<p>Decide by ${d.dueAt.slice(0, 10)}. Nothing has been decided yet: choose below and confirm.</p>
<h2>Assessment</h2>${assessmentView(p.assessment)}
<h2>The partner's answers (version ${p.intakeVersion})</h2>${intakeAnswers(p)}
<h2>Your decision</h2>
<form method="post" action="${action}" class="card">
<label for="comment">Comment (required to ask for information or to decline; the partner sees it)</label>
<textarea id="comment" name="comment" maxlength="2000"></textarea>
<button type="submit" name="outcome" value="approve">Approve: go on to vetting</button>
<button type="submit" name="outcome" value="request-info" class="secondary">Ask for more information</button>
<button type="submit" name="outcome" value="decline" class="danger">Decline</button>
</form>`;
}

export function thanksPage(org: string, statusUrl: string, created: boolean): SafeHtml {
  return html`<h1>Thank you</h1><p>${
    created
      ? `We received the intake for ${org}.`
      : `We already had the intake for ${org}; it was not submitted twice.`
  } We have emailed you a link to your private status page.</p><p><a id="status-link" href="${statusUrl}">Follow your partnership's status</a></p>`;
}

export function donePage(title: string, message: string): SafeHtml {
  return html`<h1>${title}</h1><p>${message}</p>`;
}
