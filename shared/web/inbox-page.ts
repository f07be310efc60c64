/** The officer's inbox page: the open decisions, yours and then the office's, overdue marked in words. */
import type { Inbox, InboxRow } from "../services/inbox.ts";
import { formatDate } from "./dates.ts";
import { html } from "./html.ts";
import { page } from "./layout.ts";
import { signOutForm } from "./sign-in-page.ts";

/** A step's kind in words ("vetting-review" → "Vetting review"). */
export function stepName(kind: string): string {
  const words = kind.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function table(caption: string, rows: readonly InboxRow[], timeZone: string, showAssignee: boolean) {
  if (rows.length === 0) return html`<h2>${caption}</h2><p>Nothing waiting.</p>`;
  return html`<h2>${caption}</h2><table><thead><tr><th scope="col">Partnership</th><th scope="col">Step</th><th scope="col">Due</th>${
    showAssignee ? html`<th scope="col">Assigned to</th>` : html`<th scope="col">Decide</th>`
  }</tr></thead><tbody>${rows.map(
    (row) =>
      html`<tr><td><a href="/console/partnerships/${encodeURIComponent(row.partnershipId)}/decisions/${encodeURIComponent(row.decisionId)}">${row.partnershipName}</a></td><td>${stepName(row.kind)}</td><td>${
        row.overdue ? html`<strong>Overdue</strong> since ` : ""
      }${formatDate(row.dueAt, timeZone)}</td>${
        showAssignee
          ? html`<td>${row.assignee}</td>`
          : html`<td><form method="post" action="/console/inbox/${encodeURIComponent(row.partnershipId)}/${encodeURIComponent(row.decisionId)}"><button type="submit" aria-label="Decide: ${stepName(row.kind)} for ${row.partnershipName}">Decide</button></form></td>`
      }</tr>`,
  )}</tbody></table>`;
}

export function inboxPage(inbox: Inbox, who: string, timeZone: string, officeName?: string): string {
  const overdue = inbox.mine.filter((r) => r.overdue).length;
  return page(
    "Inbox",
    html`<h1>Inbox</h1><p>Signed in as ${who}. <a href="/console">All partnerships</a></p>${signOutForm()}
<p>${inbox.mine.length} open decision${inbox.mine.length === 1 ? "" : "s"} assigned to you${
      overdue > 0 ? html`, <strong>${overdue} overdue</strong>` : ""
    }. Each partnership's name opens its decision page; Decide opens the step's page to decide it (with a new link: the one in its email stops working).</p>
${table("Assigned to you", inbox.mine, timeZone, false)}${table("The office's other open decisions", inbox.office, timeZone, true)}`,
    officeName,
  );
}
