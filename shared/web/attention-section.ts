/**
 * The inbox's "Needs attention" section, the lead's alone (issue 13): each partnership whose workflow failed,
 * where it stopped (the stage it left, the workflow and its step), the error and when; a button that retries the
 * failed step (a POST from this site, with a box to tick first: it sets the workflow going again) and a link to
 * terminate instead (the termination's own page asks for the reason and its confirmation).
 */
import type { AttentionRow } from "../services/inbox.ts";
import { terminationPath } from "./console-kit.ts";
import { formatDateTime } from "./dates.ts";
import { html, type SafeHtml } from "./html.ts";
import { stageName } from "./stage-names.ts";

/** A workflow's name in words ("vetting-renewal" → "vetting renewal"). */
const workflowWords = (workflow: string) => workflow.replace(/-/g, " ");

function whereItStopped(row: AttentionRow): SafeHtml {
  const workflow = row.workflow ? html`The ${workflowWords(row.workflow)}` : html`The workflow`;
  return html`${workflow}${row.state ? html` at <code>${row.state}</code>` : ""}${
    row.from ? html` (it was ${stageName(row.from)})` : ""
  }`;
}

function actions(row: AttentionRow): SafeHtml {
  const id = encodeURIComponent(row.partnershipId);
  const confirmId = `confirm-retry-${row.partnershipId}`;
  const terminate = html`<a href="${terminationPath(id)}" aria-label="Terminate…, for ${row.partnershipName}">Terminate…</a>`;
  if (!row.retryable)
    return html`<p>This failure cannot be retried: terminate the partnership, or ask whoever runs the office's system.</p><p>${terminate}</p>`;
  return html`<form method="post" action="/console/partnerships/${id}/retry"><p><label class="choice" for="${confirmId}"><input type="checkbox" id="${confirmId}" name="confirm" value="yes" required> The cause is dealt with: start ${
    row.state ? html`<code>${row.state}</code>` : "the failed step"
  } again for ${row.partnershipName}</label></p><button type="submit" aria-label="Retry the failed step, for ${row.partnershipName}">Retry the failed step</button></form><p>${terminate}</p>`;
}

export function attentionSection(rows: readonly AttentionRow[], timeZone: string): SafeHtml {
  if (rows.length === 0)
    return html`<h2 id="needs-attention">Needs attention</h2><p>No partnership needs attention: no workflow has failed.</p>`;
  return html`<h2 id="needs-attention">Needs attention</h2><p><strong>${rows.length} partnership${
    rows.length === 1 ? "" : "s"
  } need${rows.length === 1 ? "s" : ""} attention</strong>: ${rows.length === 1 ? "its" : "each one's"} workflow failed, and nothing moves on until you retry the failed step (once its cause is dealt with; the person it asks gets a new email, and the old link stops working) or terminate the partnership.</p><table><thead><tr><th scope="col">Partnership</th><th scope="col">Where it stopped</th><th scope="col">Error</th><th scope="col">When</th><th scope="col">Act</th></tr></thead><tbody>${rows.map(
    (row) =>
      html`<tr><td>${row.partnershipName}</td><td>${whereItStopped(row)}</td><td><code>${row.error}</code>${
        row.cause ? html`: ${row.cause}` : ""
      }</td><td>${formatDateTime(row.failedAt, timeZone)}</td><td>${actions(row)}</td></tr>`,
  )}</tbody></table>`;
}
