/** The officer's review page: the assessment, the answers (and what changed since last time), the decision. */
import type { LedgerEvent } from "../../domain/ledger.ts";
import { assessmentView } from "../../web/assessment-view.ts";
import { formatDateTime } from "../../web/dates.ts";
import { errorSummary, textArea } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { intakeAnswers } from "../../web/intake-answers.ts";
import { changesTable, intakeChanges } from "../../web/intake-changes.ts";
import { CONFLICT_LABELS, conflictQuestion } from "../officer-steps.ts";
import type { FormState, StepView } from "../step.ts";

const LABELS = { comment: "Comment for the partner", outcome: "Your decision", ...CONFLICT_LABELS };

/** The partner's answers of an earlier intake version, from the ledger. */
function intakeOfVersion(
  events: readonly LedgerEvent[],
  version: number,
): Record<string, unknown> | undefined {
  const found = events.findLast(
    (e) =>
      (e.type === "IntakeSubmitted" || e.type === "IntakeResubmitted") && e.data.intakeVersion === version,
  );
  const intake = found?.data.intake;
  return typeof intake === "object" && intake !== null && !Array.isArray(intake) ? intake : undefined;
}

/** After a request for more information: what was asked, what the partner answered, what changed. */
function sinceLastRound(view: StepView): SafeHtml | "" {
  const { partnership: p, events } = view;
  if (p.intakeVersion < 2) return "";
  const asked = events.findLast((e) => e.type === "OfficerDecided" && e.data.outcome === "request-info");
  const answered = events.findLast((e) => e.type === "ResubmissionReceived");
  const previous = intakeOfVersion(events, p.intakeVersion - 1);
  return html`<h2>Since the last review</h2><div class="card" id="since-last-round">
<p><strong>You asked:</strong> ${String(asked?.data.comment ?? "—")}</p>
<p><strong>The partner answered:</strong> ${String(answered?.data.comment || "—")}</p></div>
<h3>What changed (version ${p.intakeVersion - 1} → ${p.intakeVersion})</h3>${
    previous
      ? changesTable(intakeChanges(previous, p.intake))
      : html`<p>The earlier version is not in the ledger.</p>`
  }`;
}

export function intakeReviewPage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  return {
    title: `Intake review: ${p.organisationName}`,
    body: html`<h1>Intake review: ${p.organisationName}</h1>
<p>Please decide by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>.</p>
<p>Nothing is decided until you press one of the buttons at the end of the page. Approving and asking for more information take effect at once; declining asks you to confirm first.</p>
${errorSummary(form.errors, LABELS)}${sinceLastRound(view)}
<h2>Assessment</h2>${assessmentView(p.assessment)}
<h2>The partner's answers (version ${p.intakeVersion})</h2>${intakeAnswers(p)}
<h2>Your decision</h2>
<form method="post" action="${form.action}" class="card" novalidate id="f-outcome">
${textArea("comment", LABELS.comment, form.values, form.errors, {
  hint: "The partner sees this comment, in their email and on their status page. It is required to ask for more information or to decline.",
  maxLength: 2000,
})}
${conflictQuestion(form)}
<div class="actions"><button type="submit" name="outcome" value="approve">Approve: go on to vetting</button>
<button type="submit" name="outcome" value="request-info" class="secondary">Ask for more information</button>
<button type="submit" name="outcome" value="decline" class="danger">Decline…</button></div>
</form>`,
  };
}
