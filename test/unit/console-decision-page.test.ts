/**
 * The decision-as-seen page's rendering: the step's page inside it read-only, its headings under the console
 * page's own (one h1 on the page), a document's link (which needs the step's token) as its name and SHA-256 in
 * text, never a link without a target; and the console's summaries with their ISO times as people read them.
 */
import { describe, expect, it } from "vitest";
import { loadAppConfig } from "#shared/config/app-config.ts";
import type { DecisionAsSeen, PartnershipConsole } from "#shared/services/console.ts";
import { consoleDecisionPage, readOnly } from "#shared/web/console-decision-page.ts";
import { withReadableTimes } from "#shared/web/console-kit.ts";
import { readableTimes } from "#shared/web/dates.ts";
import { html } from "#shared/web/html.ts";

const SHA = "ab".repeat(32);
const config = loadAppConfig({
  TABLE_NAME: "partnerflow",
  PUBLIC_BASE_URL: "https://partners.example.org",
  SENDER_EMAIL: "partnerships@example.org",
  OFFICER_EMAILS: "ada@example.org",
  LEAD_EMAIL: "lead@example.org",
  OFFICE_EMAIL: "office@example.org",
});

const stepBody = html`<h1>Vetting review</h1><h2>Evidence</h2><dl><dt>Document</dt><dd><a href="/vetting/{token}/documents/${SHA}" rel="noopener">insurance.pdf</a> (12 KB)</dd></dl>
<form method="post" action="/vetting/{token}"><button type="submit">Verify</button></form><a href="/console">All</a>`;

describe("a decision as its decider saw it", () => {
  it("makes the step's page read-only: its headings two levels down, its document named by its SHA-256 in text", () => {
    const body = readOnly(stepBody).value;
    expect(body).toContain("<h3>Vetting review</h3><h4>Evidence</h4>");
    expect(body).not.toMatch(/<h[12][ >]/);
    expect(body).toContain(`<span class="document">insurance.pdf</span> <details class="hash">`);
    expect(body).toContain(`<code>${SHA}</code>`);
    // No link is left without a target, and none leads to the step's token.
    expect(body).not.toMatch(/<a(?![^>]*href=)[^>]*>/);
    expect(body).not.toContain("{token}");
    expect(body).toContain('<form method="post">');
    expect(body).toContain('<a href="/console">All</a>');
  });

  it("has one h1, the console page's own", () => {
    const seen: DecisionAsSeen = {
      partnershipId: "P",
      organisationName: "Riverside",
      decisionId: "D",
      kind: "vetting-review",
      seq: 7,
      at: "2026-12-06T09:28:54.936Z",
      actor: "officer@example.org",
      outcome: "verified",
      recorded: { pageSha256: SHA },
      page: { title: "Vetting review", body: stepBody, sha256: SHA },
    };
    const page = consoleDecisionPage(seen, config);
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page).toContain("<h1>A decision as the decider saw it</h1>");
  });
});

describe("the console's summaries", () => {
  it("show the ledger's ISO times in the office's zone, and leave other text as it is", () => {
    expect(
      readableTimes(
        "Signed by A (a@example.org) at 2026-12-06T09:28:54.936Z from 1.2.3.4",
        "America/Toronto",
      ),
    ).toBe("Signed by A (a@example.org) at December 6, 2026 at 4:28 a.m. EST (America/Toronto) from 1.2.3.4");
    expect(readableTimes("round due 2027-12-06, v2026-12-v1", "UTC")).toBe(
      "round due 2027-12-06, v2026-12-v1",
    );
    const view = {
      timeline: { events: [{ seq: 1, text: "at 2026-12-06T09:28:54Z" }] },
    } as unknown as PartnershipConsole;
    const readable = withReadableTimes(view, { TIME_ZONE: "UTC" });
    expect(readable.timeline.events[0]?.text).toBe("at December 6, 2026 at 9:28 a.m. UTC (UTC)");
    // The view it was given (the ledger's text) is left as it was.
    expect(view.timeline.events[0]?.text).toBe("at 2026-12-06T09:28:54Z");
  });
});
