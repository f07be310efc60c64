/** What the console's pages share: their navigation, a hash shortened with the full one a click away, dates. */
import type { AppConfig } from "../config/app-config.ts";
import type { Principal } from "../domain/staff.ts";
import type { PartnershipConsole } from "../services/console.ts";
import { formatDateTime, readableTimes } from "./dates.ts";
import { html, type SafeHtml } from "./html.ts";
import { withHeaderBar } from "./layout.ts";
import { signOutForm } from "./sign-in-page.ts";

/** Where the export of every event is downloaded (its route is the audit export's, GET /console/export). */
export const EXPORT_FORMATS = ["jsonl", "csv"] as const;

/** The console's links: the list, and the export of every partnership's events. */
/** Where the lead's termination form is, for a partnership: its console page and the inbox link here. */
export const terminationPath = (id: string) => `/console/partnerships/${id}/termination`;

export function consoleNav(): SafeHtml {
  return html`<nav aria-label="Console"><p><a href="/console">All partnerships</a> · Export every event:
${EXPORT_FORMATS.map((f, i) => html`${i > 0 ? " · " : ""}<a href="/console/export?format=${f}" download>${f.toUpperCase()}</a>`)}</p></nav>`;
}

/** A SHA-256 (or any long hash) as its first 12 characters, the whole of it shown on demand. */
export function shortHash(hash: string, label = "SHA-256"): SafeHtml {
  if (hash.length <= 16) return html`<code>${hash}</code>`;
  return html`<details class="hash"><summary><code>${hash.slice(0, 12)}…</code><span class="hint"> (${label}: show all)</span></summary><code>${hash}</code></details>`;
}

/** A time as people read it in the office, with its zone; the ISO time kept in a <time> element. */
export function when(iso: string, config: Pick<AppConfig, "TIME_ZONE">): SafeHtml {
  return html`<time datetime="${iso}">${formatDateTime(iso, config.TIME_ZONE)}</time>`;
}

/** "Signed in as auditor@example.org (auditor)" and the sign-out button, for the site header of a staff page. */
export function signedInBar(principal: Pick<Principal, "email" | "roles">): SafeHtml {
  const roles = principal.roles.length > 0 ? principal.roles.join(", ") : "no role";
  return html`<div class="signed-in"><p class="signed-in-as">Signed in as ${principal.email} (${roles})</p>${signOutForm()}</div>`;
}

/** A console page as its signed-in reader gets it: who they are, and sign-out, in its header. */
export function signedInPage(document: string, principal: Pick<Principal, "email" | "roles">): string {
  return withHeaderBar(document, signedInBar(principal));
}

/**
 * A partnership's console view with the times in its timeline's summaries as people read them (the ledger's
 * stored text keeps its UTC ISO times; only the page shows them in the office's zone).
 */
export function withReadableTimes(
  view: PartnershipConsole,
  config: Pick<AppConfig, "TIME_ZONE">,
): PartnershipConsole {
  const events = view.timeline.events.map((e) => ({ ...e, text: readableTimes(e.text, config.TIME_ZONE) }));
  return { ...view, timeline: { ...view.timeline, events } };
}
