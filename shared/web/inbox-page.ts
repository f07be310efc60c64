/**
 * The officer's inbox page: for the lead, the partnerships that need attention first (attention-section.ts);
 * then the open decisions, yours and then the office's, overdue marked in words. What it
 * offers works for whoever sees it: a decision of yours opens with its row's button (a POST: a new link to the
 * step's page, replacing the emailed one), and for the lead an officer's decision escalated to them; a partnership's name is text, since the console's pages are the
 * auditors' and the lead's (and show a decision once decided); only the lead is offered the console.
 */
import type { Principal } from "../domain/staff.ts";
import type { Inbox, InboxRow } from "../services/inbox.ts";
import { attentionSection } from "./attention-section.ts";
import { formatDate } from "./dates.ts";
import { html } from "./html.ts";
import { page } from "./layout.ts";
import { signOutForm } from "./sign-in-page.ts";

/** Kinds whose hyphens are not all word breaks. */
const STEP_TITLES: Readonly<Record<string, string>> = {
  "review-self-assessment": "Review self-assessment",
};

/** A step's kind in words ("vetting-review" → "Vetting review", "review-self-assessment" → "Review self-assessment"). */
export function stepName(kind: string): string {
  if (Object.hasOwn(STEP_TITLES, kind)) return STEP_TITLES[kind] as string;
  const words = kind.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The button's words: which step it opens, to decide ("Open the vetting review to decide"). */
export function openLabel(kind: string): string {
  return `Open the ${stepName(kind).toLowerCase()} to decide`;
}

function decideForm(row: InboxRow) {
  const action = `/console/inbox/${encodeURIComponent(row.partnershipId)}/${encodeURIComponent(row.decisionId)}`;
  return html`<form method="post" action="${action}"><button type="submit" aria-label="${openLabel(row.kind)}, for ${row.partnershipName}">${openLabel(row.kind)}</button></form>`;
}

function table(
  caption: string,
  rows: readonly InboxRow[],
  timeZone: string,
  showAssignee: boolean,
  /** The lead's view of the office's: an escalated decision opens for them too. */
  leadOpensEscalated = false,
) {
  if (rows.length === 0) return html`<h2>${caption}</h2><p>Nothing waiting.</p>`;
  return html`<h2>${caption}</h2><table><thead><tr><th scope="col">Partnership</th><th scope="col">Step</th><th scope="col">Due</th>${
    showAssignee ? html`<th scope="col">Assigned to</th>` : html`<th scope="col">Decide</th>`
  }</tr></thead><tbody>${rows.map(
    (row) =>
      html`<tr><td>${row.partnershipName}</td><td>${stepName(row.kind)}</td><td>${
        row.overdue ? html`<strong>Overdue</strong> since ` : ""
      }${formatDate(row.dueAt, timeZone)}</td>${
        showAssignee
          ? html`<td>${row.assignee}${
              leadOpensEscalated && row.escalated && !row.expired
                ? row.conflicted
                  ? html` (escalated to you; you declared a conflict of interest with this partner, so another officer must decide it)`
                  : html` (escalated to you)${decideForm(row)}`
                : ""
            }</td>`
          : html`<td>${
              row.expired
                ? html`Past its deadline: it can no longer be decided; the workflow escalates or ends it.`
                : decideForm(row)
            }</td>`
      }</tr>`,
  )}</tbody></table>`;
}

export function inboxPage(
  inbox: Inbox,
  who: Pick<Principal, "email" | "roles">,
  timeZone: string,
  officeName?: string,
): string {
  const overdue = inbox.mine.filter((r) => r.overdue).length;
  const lead = who.roles.includes("lead");
  const consoleLink = lead ? html` <a href="/console">All partnerships</a>` : "";
  return page(
    "Inbox",
    html`<h1>Inbox</h1><p>Signed in as ${who.email}.${consoleLink} <a href="/console/reviews">Periodic reviews</a></p>${signOutForm()}
${lead ? html`${attentionSection(inbox.attention, timeZone)}<h2>Open decisions</h2>` : ""}<p>${inbox.mine.length} open decision${inbox.mine.length === 1 ? "" : "s"} assigned to you${
      overdue > 0 ? html`, <strong>${overdue} overdue</strong>` : ""
    }. Each one's button opens the step's page, where you decide as from its email. It makes a new link for it: the
link in the email then stops working (it says it was replaced).</p>
${table("Assigned to you", inbox.mine, timeZone, false)}${table("The office's other open decisions", inbox.office, timeZone, true, lead)}`,
    officeName,
  );
}
