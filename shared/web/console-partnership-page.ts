/**
 * A partnership's console page: its summary, the check of its ledger (on the Verify button: a GET, since checking
 * changes nothing), the audit packet and the export, the workflow drawn with its current state, its decisions
 * (each linking to the page as its decider saw it), its agreement versions, and its whole timeline. It is read as
 * stored (the check must see what was chained): a sealed personal value is printed in words (sealed-text.ts).
 */
import type { AppConfig } from "../config/app-config.ts";
import { isTerminal, type Stage } from "../domain/lifecycle.ts";
import type { AslGraph, WorkflowName } from "../domain/workflow-asl.ts";
import { label } from "../schemas/vocabulary.ts";
import { agreementRecords, type PartnershipConsole } from "../services/console.ts";
import { consoleNav, shortHash, terminationPath, when } from "./console-kit.ts";
import { html, type SafeHtml } from "./html.ts";
import { page } from "./layout.ts";
import { reviewHistoryTable } from "./review-history.ts";
import { readable } from "./sealed-text.ts";
import { stageName } from "./stage-names.ts";
import { workflowDiagram } from "./workflow-diagram.ts";

const WORKFLOW_TITLES: Record<WorkflowName, string> = {
  onboarding: "The onboarding workflow",
  "vetting-renewal": "The vetting renewal workflow",
};

function verification(view: PartnershipConsole, shown: boolean): SafeHtml {
  const v = view.timeline.verification;
  const base = `/console/partnerships/${view.timeline.partnership.id}`;
  const result = !shown
    ? ""
    : v.ok
      ? html`<div class="card" role="status" id="verification" data-ok="true"><strong>Verified.</strong> The ledger's ${view.timeline.events.length} events chain one to the next, and its newest is the head the partnership recorded.</div>`
      : html`<div class="summary" role="status" id="verification" data-ok="false"><strong>Does not verify</strong>: the first event that fails is seq ${v.firstBadSeq}: ${v.reason}.</div>`;
  return html`<h2>The ledger</h2>
<form method="get" action="${base}"><input type="hidden" name="verify" value="1"><button type="submit">Verify the ledger</button></form>
${result}
<p><a href="${base}/packet" download>Download the audit packet</a> (JSON: the ledger, its anchored head, the documents by SHA-256, the latest checkpoint that holds it; check it offline with <code>npx partnerflow verify</code>).</p>`;
}

function diagram(view: PartnershipConsole, graphs: Readonly<Record<WorkflowName, AslGraph>>): SafeHtml {
  const { position } = view;
  const other: WorkflowName = position.workflow === "onboarding" ? "vetting-renewal" : "onboarding";
  const figure = (name: WorkflowName, current: string | undefined) =>
    html`<div class="diagram" role="region" aria-label="${WORKFLOW_TITLES[name]}, drawn" tabindex="0">${workflowDiagram(graphs[name], { id: `wf-${name}`, title: WORKFLOW_TITLES[name], current })}</div>`;
  return html`<h2>Where it stands</h2>
<p id="current-state">${
    position.headline
      ? html`<strong>${position.headline}</strong> (${position.because}).${
          position.state
            ? html` Last drawn state: <a href="#wf-${position.workflow}-current">${position.state}</a> of ${WORKFLOW_TITLES[position.workflow].toLowerCase()}.`
            : ""
        }`
      : position.state
        ? html`Current state: <strong>${position.state}</strong> of ${WORKFLOW_TITLES[position.workflow].toLowerCase()} (${position.because}). <a href="#wf-${position.workflow}-current">Show it in the diagram</a>`
        : html`No current state: ${position.because}.`
  }</p>
${figure(position.workflow, position.state)}
<details><summary>${WORKFLOW_TITLES[other]}</summary>${figure(other, undefined)}</details>`;
}

function decisions(view: PartnershipConsole, config: AppConfig): SafeHtml {
  const id = view.timeline.partnership.id;
  const rows = view.timeline.decisions.map((d) => {
    const shown = (d.shown ?? {}) as {
      pageSha256?: unknown;
      checklistVersion?: unknown;
      templateVersion?: unknown;
    };
    return html`<tr><td>${d.seq}</td><td>${when(d.at, config)}</td><td>${readable(d.actor)}</td><td>${d.step ?? d.kind}</td><td>${d.outcome}</td>
<td>${typeof shown.pageSha256 === "string" ? html`page ${shortHash(shown.pageSha256)}` : "not recorded"}${
      typeof shown.checklistVersion === "string" ? html`<br>checklist ${shown.checklistVersion}` : ""
    }${typeof shown.templateVersion === "string" ? html`<br>template ${shown.templateVersion}` : ""}</td>
<td><a href="/console/partnerships/${id}/decisions/${d.decisionId}">As the decider saw it<span class="hint"> (seq ${d.seq})</span></a></td></tr>`;
  });
  return html`<h2>Decisions</h2>${
    rows.length === 0
      ? html`<p>No decision yet.</p>`
      : html`<table id="decisions"><thead><tr><th scope="col">Seq</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Step</th><th scope="col">Outcome</th><th scope="col">What they saw</th><th scope="col">Page</th></tr></thead><tbody>${rows}</tbody></table>`
  }`;
}

function agreements(view: PartnershipConsole, config: AppConfig): SafeHtml {
  const records = agreementRecords(view.timeline);
  if (records.length === 0) return html`<h2>Agreements</h2><p>No agreement issued yet.</p>`;
  return html`<h2>Agreements</h2>${records.map(
    (a) => html`<div class="card agreement" data-version="${a.version}"><h3>Version ${a.version}</h3>
<p>Issued ${when(a.at, config)} (seq ${a.seq}); its PDF's SHA-256 ${shortHash(a.sha256)}</p>
${
  a.signatures.length === 0
    ? html`<p>Not signed.</p>`
    : html`<ul>${a.signatures.map(
        (s) =>
          html`<li>Signed for ${s.by === "office" ? "the office" : "the partner"} by ${readable(s.name)} (${readable(s.email)}) at ${s.signedAt ? when(s.signedAt, config) : "—"} from ${readable(s.ip)} (seq ${s.seq})</li>`,
      )}</ul>`
}
${
  a.completed
    ? a.completed.paperReference
      ? html`<p>Completed on paper: ${a.completed.paperReference} (seq ${a.completed.seq}).</p>`
      : html`<p>Completed (seq ${a.completed.seq}): certificate ${a.completed.certificateSha256 ? shortHash(a.completed.certificateSha256) : "—"}${
          a.completed.certificatePdfSha256
            ? html`, its PDF ${shortHash(a.completed.certificatePdfSha256)}`
            : ""
        }</p>`
    : ""
}</div>`,
  )}`;
}

function timeline(view: PartnershipConsole, config: AppConfig): SafeHtml {
  const rows = view.timeline.events.map(
    (e) =>
      html`<tr id="seq-${e.seq}"><td>${e.seq}</td><td>${when(e.at, config)}</td><td>${readable(e.actor)}</td><td>${e.type}${e.step ? html`<br><span class="hint">${e.step}</span>` : ""}</td><td>${readable(e.text)}</td><td>${shortHash(e.hash, "hash")}</td></tr>`,
  );
  return html`<h2>Timeline</h2><table id="timeline"><caption>Every event of the ledger, oldest first</caption><thead><tr><th scope="col">Seq</th><th scope="col">When</th><th scope="col">Actor</th><th scope="col">Event</th><th scope="col">What happened</th><th scope="col">Hash</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function consolePartnershipPage(
  view: PartnershipConsole,
  graphs: Readonly<Record<WorkflowName, AslGraph>>,
  /**
   * `startReview`: the viewer may start an active partnership's review now (the lead); `canTerminate`: the viewer
   * may terminate it (the lead).
   */
  options: { verify: boolean; startReview?: boolean; canTerminate?: boolean },
  config: AppConfig,
): string {
  const p = view.timeline.partnership;
  const body = html`${consoleNav()}<h1>${p.organisationName}</h1>
<table class="summary-table"><tbody>
<tr><th scope="row">Stage</th><td><span class="stage" data-stage="${p.stage}">${stageName(p.stage)}</span></td></tr>
<tr><th scope="row">Proposed type</th><td>${p.type ? label(p.type) : "—"}</td></tr>
<tr><th scope="row">Submitted</th><td>${when(p.submittedAt, config)}</td></tr>
<tr><th scope="row">Last updated</th><td>${when(p.updatedAt, config)}</td></tr>
<tr><th scope="row">Id</th><td><code>${p.id}</code></td></tr></tbody></table>
${
  options.startReview && p.stage === "ACTIVE"
    ? html`<form method="post" action="/console/partnerships/${p.id}/reviews"><button type="submit" class="secondary">Start the review now…</button></form>`
    : ""
}
${options.canTerminate && !isTerminal(p.stage as Stage) ? html`<p><a id="terminate-link" href="${terminationPath(p.id)}">Terminate…</a></p>` : ""}
${verification(view, options.verify)}
${diagram(view, graphs)}
${decisions(view, config)}
${agreements(view, config)}
${reviewHistoryTable(view.timeline.events, config.TIME_ZONE, {
  withStarter: true,
  ended: isTerminal(view.timeline.partnership.stage),
})}
${timeline(view, config)}`;
  return page(p.organisationName, body, config.OFFICE_NAME);
}
