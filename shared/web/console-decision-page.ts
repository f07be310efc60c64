/**
 * A decision as its decider saw it: who decided what and when, what its ledger event recorded they were shown
 * (the page's SHA-256, the checklist's and template's versions), and the step's page rendered again from the
 * data it was decided on, read-only (its forms disabled, its links to the token-bearing routes removed), with
 * whether its SHA-256 matches the one recorded.
 */
import type { AppConfig } from "../config/app-config.ts";
import type { DecisionAsSeen } from "../services/console.ts";
import { TOKEN_PLACEHOLDER } from "../services/shown.ts";
import { consoleNav, shortHash, when } from "./console-kit.ts";
import { html, SafeHtml } from "./html.ts";
import { page } from "./layout.ts";
import { readable } from "./sealed-text.ts";

/**
 * The rendered page made read-only: the attributes that lead to its link (the form's action) are taken out, a
 * link to a document below it becomes the document's name and SHA-256 as text (the auditor opens it by its hash,
 * from the audit API), and the whole sits in a disabled fieldset, so none of its controls can be used. Its
 * headings go two levels down (an h1 becomes an h3), under the console page's own h1 and h2.
 */
export function readOnly(body: SafeHtml): SafeHtml {
  const placeholder = TOKEN_PLACEHOLDER.replace(/[{}]/g, (c) => `\\${c}`);
  const linkedAnchor = new RegExp(`<a [^>]*href="([^"]*${placeholder}[^"]*)"[^>]*>([\\s\\S]*?)</a>`, "g");
  const linked = new RegExp(` (?:href|action)="[^"]*${placeholder}[^"]*"`, "g");
  return new SafeHtml(
    body.value
      .replace(linkedAnchor, (_, href: string, text: string) => {
        const sha256 = /\/([0-9a-f]{64})$/.exec(href)?.[1];
        return `<span class="document">${text}</span>${sha256 ? ` ${shortHash(sha256).value}` : ""}`;
      })
      .replace(linked, "")
      .replace(
        /<(\/?)h([1-6])\b/g,
        (_, close: string, level: string) => `<${close}h${Math.min(6, Number(level) + 2)}`,
      ),
  );
}

export function consoleDecisionPage(seen: DecisionAsSeen, config: AppConfig): string {
  const { recorded, page: rendered } = seen;
  const verdict = !rendered
    ? html`<p id="match" data-match="unknown">This step is no longer one the system knows, so its page cannot be rendered again.</p>`
    : !recorded
      ? html`<p id="match" data-match="unknown">This decision was recorded before decisions recorded what their decider was shown; the page below is rendered from the data it was decided on.</p>`
      : rendered.sha256 === recorded.pageSha256
        ? html`<p id="match" data-match="true" class="card"><strong>Matches what was recorded:</strong> the page rendered again has the SHA-256 recorded with the decision.</p>`
        : html`<p id="match" data-match="false" class="summary"><strong>Differs from what was recorded:</strong> the page rendered again has SHA-256 <code>${rendered.sha256}</code>. The page is rendered by today's templates, from the ledger as it was and the partnership as it is now, so a change to a page's template or wording since, or to the partnership's record (its stage, a corrected intake), makes it differ; the recorded SHA-256 stays the evidence of what was shown.</p>`;
  const body = html`${consoleNav()}<p><a href="/console/partnerships/${seen.partnershipId}">${seen.organisationName}</a></p>
<h1>A decision as the decider saw it</h1>
<table><tbody>
<tr><th scope="row">Step</th><td>${seen.kind}</td></tr>
<tr><th scope="row">Decided by</th><td>${readable(seen.actor)}</td></tr>
<tr><th scope="row">When</th><td>${when(seen.at, config)} (seq ${seen.seq})</td></tr>
<tr><th scope="row">Outcome</th><td>${seen.outcome}</td></tr>
<tr><th scope="row">Page's SHA-256, recorded</th><td>${recorded ? html`<code id="recorded-sha256">${recorded.pageSha256}</code>` : "not recorded"}</td></tr>
${recorded?.checklistVersion ? html`<tr><th scope="row">Checklist version</th><td>${recorded.checklistVersion}</td></tr>` : ""}
${recorded?.templateVersion ? html`<tr><th scope="row">Agreement template version</th><td>${recorded.templateVersion}</td></tr>` : ""}
</tbody></table>
${verdict}
${
  rendered
    ? html`<h2>The page, rendered again (read-only)</h2>
<fieldset disabled class="as-seen"><legend>${rendered.title}: as shown, read-only</legend>${readOnly(rendered.body)}</fieldset>`
    : ""
}`;
  return page("A decision as the decider saw it", body, config.OFFICE_NAME);
}
