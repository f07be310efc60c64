/**
 * The officer's inbox on the in-memory repository: the open decisions of the office, those assigned to the
 * signed-in officer apart, each group overdue first and then by due date, with the partnership's name; the
 * partner's steps and decisions made or replaced are left out. And the page: overdue said in words, and one
 * past its link's expiry offered no button.
 */
import { describe, expect, it } from "vitest";
import { toDecision, toPartnership } from "#shared/adapters/dynamodb-items.ts";
import { InMemoryPartnershipRepository } from "#shared/adapters/in-memory-repository.ts";
import { loadAppConfig } from "#shared/config/app-config.ts";
import { inboxOf } from "#shared/services/inbox.ts";
import { inboxPage } from "#shared/web/inbox-page.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { decisionItem, partnershipItem } from "../fixtures/items.ts";

const NOW = new Date("2026-12-06T12:00:00.000Z");
const config = loadAppConfig({
  TABLE_NAME: "partnerflow",
  PUBLIC_BASE_URL: "https://partners.example.org",
  SENDER_EMAIL: "partnerships@example.org",
  OFFICER_EMAILS: "ada@example.org,grace@example.org",
  LEAD_EMAIL: "lead@example.org",
  OFFICE_EMAIL: "office@example.org",
});

async function office() {
  const repository = new InMemoryPartnershipRepository();
  for (const [id, name] of [
    ["P1", "Harbour Trust"],
    ["P2", "Maple Guild"],
  ] as const)
    await repository.createPartnership(
      toPartnership(partnershipItem(id, { intake: makeIntake({ organisation: { name } }) })),
    );
  const open = (
    partnershipId: string,
    decisionId: string,
    assignee: string,
    dueAt: string,
    kind = "intake-review",
  ) =>
    repository.putDecision(
      toDecision(
        // A step's link expires when it falls due (open-step.ts).
        decisionItem(partnershipId, {
          sk: `DECISION#${decisionId}`,
          decisionId,
          assignee,
          dueAt,
          expiresAt: dueAt,
          kind,
        }),
      ),
    );
  await open("P1", "mine-late", "ada@example.org", "2026-12-05T00:00:00.000Z");
  await open("P2", "mine-soon", "ada@example.org", "2026-12-07T00:00:00.000Z", "vetting-review");
  await open("P1", "mine-later", "ada@example.org", "2026-12-20T00:00:00.000Z");
  await open("P2", "mine-latest-late", "ada@example.org", "2026-12-06T11:00:00.000Z");
  await open("P2", "grace", "grace@example.org", "2026-12-08T00:00:00.000Z");
  await open("P1", "lead-late", "lead@example.org", "2026-12-01T00:00:00.000Z");
  await open("P1", "partner", "partner", "2026-12-01T00:00:00.000Z", "vetting-evidence");
  return repository;
}

describe("the officer's inbox", () => {
  it("lists mine and then the office's, overdue first, then by due date, with the partnership's name", async () => {
    const repository = await office();
    const inbox = await inboxOf(
      { repository, config, clock: { now: () => NOW } },
      { sub: "u-1", email: "Ada@example.org", roles: ["officer"] },
    );
    expect(inbox.mine.map((r) => [r.decisionId, r.overdue])).toEqual([
      ["mine-late", true],
      ["mine-latest-late", true],
      ["mine-soon", false],
      ["mine-later", false],
    ]);
    expect(inbox.mine[0]).toMatchObject({ partnershipName: "Harbour Trust", partnershipId: "P1" });
    expect(inbox.office.map((r) => r.decisionId)).toEqual(["lead-late", "grace"]);

    const page = inboxPage(inbox, { email: "ada@example.org", roles: ["officer"] }, "America/Toronto");
    expect(page).toContain("<strong>Overdue</strong> since");
    expect(page).toContain("2 overdue");
    // Each of yours opens with its button (open-decision); a name leads nowhere an officer may not go.
    // An overdue one is past its link's expiry: nothing to open, and the page says what happens instead.
    expect(page).not.toContain('action="/console/inbox/P1/mine-late"');
    expect(page).toContain("Past its deadline: it can no longer be decided");
    expect(page).toContain('action="/console/inbox/P2/mine-soon"');
    expect(page).toContain(">Open the intake review to decide</button>");
    expect(page).toContain("stops working");
    // An officer is offered no console page, only the periodic reviews' (officers may start one).
    expect(page).not.toContain('href="/console"');
    expect(page).toContain('<a href="/console/reviews">Periodic reviews</a>');
    const lead = inboxPage(inbox, { email: "lead@example.org", roles: ["lead"] }, "America/Toronto");
    expect(lead).toContain('<a href="/console">All partnerships</a>');
    expect(page).toContain("Vetting review");
    expect(page).not.toContain("Vetting evidence");
  });
});
