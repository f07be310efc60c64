/** The console's first page: the partnerships, filtered by stage, type and last-updated dates, a page at a time. */
import type { AppConfig } from "../config/app-config.ts";
import { STAGES } from "../domain/lifecycle.ts";
import { label, PARTNERSHIP_TYPES } from "../schemas/vocabulary.ts";
import type { ListPage } from "../services/audit.ts";
import { consoleNav, when } from "./console-kit.ts";
import { html } from "./html.ts";
import { page } from "./layout.ts";
import { stageName } from "./stage-names.ts";

export interface ListFilters {
  readonly stage?: string | undefined;
  readonly type?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit?: string | undefined;
}

const selected = (yes: boolean) => (yes ? html` selected` : "");

/** The query string of the filters and a cursor: the next page's link. */
function nextHref(filters: ListFilters, cursor: string): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (typeof value === "string" && value !== "") query.set(key, value);
  query.set("cursor", cursor);
  return `/console?${query.toString()}`;
}

export function consoleListPage(list: ListPage, filters: ListFilters, config: AppConfig): string {
  const rows = list.partnerships.map(
    (p) => html`<tr><td><a href="/console/partnerships/${p.id}">${p.organisationName}</a></td>
<td data-label="Stage"><span class="stage" data-stage="${p.stage}">${stageName(p.stage)}</span></td><td data-label="Type"${p.type ? html` data-type="${p.type}"` : ""}>${p.type ? label(p.type) : "—"}</td>
<td data-label="Submitted">${when(p.submittedAt, config)}</td><td data-label="Last updated">${when(p.updatedAt, config)}</td></tr>`,
  );
  const body = html`<h1>Partnerships</h1>${consoleNav()}
<form method="get" action="/console" class="card" aria-label="Filter the partnerships">
<label for="f-stage">Stage</label><select id="f-stage" name="stage"><option value="">Any stage</option>${STAGES.map(
    (s) => html`<option value="${s}"${selected(filters.stage === s)}>${stageName(s)}</option>`,
  )}</select>
<label for="f-type">Proposed type</label><select id="f-type" name="type"><option value="">Any type</option>${PARTNERSHIP_TYPES.map(
    (t) => html`<option value="${t}"${selected(filters.type === t)}>${label(t)}</option>`,
  )}</select>
<label for="f-from">Last updated on or after</label><input type="date" id="f-from" name="from" value="${filters.from ?? ""}">
<label for="f-to">Last updated on or before</label><input type="date" id="f-to" name="to" value="${filters.to ?? ""}">
<div class="actions"><button type="submit">Show</button></div></form>
${
  rows.length === 0
    ? html`<p id="none">No partnership matches these filters.</p>`
    : html`<table id="partnerships"><caption>Newest first: ${rows.length} shown</caption><thead><tr><th scope="col">Organisation</th><th scope="col">Stage</th><th scope="col">Type</th><th scope="col">Submitted</th><th scope="col">Last updated</th></tr></thead><tbody>${rows}</tbody></table>`
}
${list.next ? html`<p><a href="${nextHref(filters, list.next)}" rel="next">Next page</a></p>` : ""}`;
  return page("Partnerships", body, config.OFFICE_NAME);
}
