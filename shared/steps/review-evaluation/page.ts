/** The officer's evaluation page: the agreement's outcomes and the partner's answers side by side, the decision. */
import { agreedOutcomes, RATING_WORDS, ratingsOf } from "../../domain/review.ts";
import { formatDateTime } from "../../web/dates.ts";
import { errorSummary, textArea } from "../../web/form-kit.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { CONFLICT_LABELS, conflictQuestion } from "../officer-steps.ts";
import type { FormState, StepView } from "../step.ts";
import { LABELS } from "./schema.ts";

/** The partner's self-assessment of this round: the latest one given. */
function selfAssessment(view: StepView) {
  return ratingsOf(view.events.findLast((e) => e.type === "SelfAssessmentGiven")?.data.details);
}

export function evaluationPage(view: StepView & { form: FormState }): { title: string; body: SafeHtml } {
  const { partnership: p, decision: d, form, config } = view;
  const ratings = selfAssessment(view);
  const agreed = agreedOutcomes(view.events);
  const title = `Partnership review: ${p.organisationName}`;
  return {
    title,
    body: html`<h1>${title}</h1>
<p>Please evaluate the partnership by <strong>${formatDateTime(d.dueAt, config.TIME_ZONE)}</strong>: renew it (the next review is scheduled), amend it (a new version of the agreement is signed again), or terminate it.</p>
${errorSummary(form.errors, { ...LABELS, ...CONFLICT_LABELS })}
<h2>The agreement's outcomes and the partner's self-assessment</h2>
<p>The agreement in force: <a id="agreement-pdf" href="${form.action}/agreement.pdf">its PDF</a> (opens while this link is open).</p>
<table id="review-side-by-side"><thead><tr><th scope="col">Agreed outcome</th><th scope="col">Partner's rating</th><th scope="col">Evidence</th><th scope="col">What should change</th></tr></thead><tbody>${
      ratings.length > 0
        ? ratings.map(
            (r) =>
              html`<tr><td>${r.outcome}</td><td>${RATING_WORDS[r.rating]}</td><td>${r.evidence}</td><td>${r.change || "—"}</td></tr>`,
          )
        : agreed.map((o) => html`<tr><td>${o}</td><td>—</td><td>—</td><td>—</td></tr>`)
    }</tbody></table>
<h2>Your decision</h2>
<form method="post" action="${form.action}" class="card" novalidate id="f-outcome">
${textArea("comment", LABELS.comment, form.values, form.errors, {
  hint: "The partner sees it. Required to amend (what to change) or to terminate (why).",
  maxLength: 2000,
})}
${conflictQuestion(form)}
<div class="actions"><button type="submit" name="outcome" value="renew">Renew</button>
<button type="submit" name="outcome" value="amend" class="secondary">Amend the agreement</button>
<button type="submit" name="outcome" value="terminate" class="danger">Terminate…</button></div>
</form>`,
  };
}
