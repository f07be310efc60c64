/**
 * The periodic reviews' staff pages in a real browser (issue 13): `/console/reviews` (the active partnerships,
 * their next review, "Start the review now…"), the confirmation it asks for, and the list's notice once started,
 * signed in as an officer and as the lead. No serious or critical accessibility violation on any of them, and
 * each fits a phone's width.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IssuedToken } from "#infra/local/staff.ts";
import { Journey } from "../e2e/harness.ts";
import { signedToActive, toSigning } from "../e2e/onboarding-steps.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { axeViolations, CHROMIUM, launch, overflowingCells, pageWidth } from "./browser.ts";
import { signIn } from "./sign-in.ts";

if (!CHROMIUM)
  console.warn("test/browser/reviews-pages.test.ts skipped: no /usr/bin/chromium (apt-get install chromium)");

describe.runIf(CHROMIUM)("the periodic reviews' staff pages in a real browser", () => {
  let journey: Journey;
  let browser: Browser;
  let tokens: readonly IssuedToken[] = [];
  const active: Record<string, { id: string; statusUrl: string }> = {};
  const NAMES = { officer: "Browser Review Bakery", lead: "Browser Review Boatyard" } as const;

  beforeAll(async () => {
    journey = await Journey.start();
    tokens = journey.runtime.staff.seed();
    browser = await launch();
    for (const name of Object.values(NAMES)) {
      const intake = makeIntake({ organisation: { name } });
      const { partnershipId, statusUrl, sign } = await toSigning(journey, intake);
      expect(await signedToActive(journey, intake, sign, partnershipId)).toBe("SUCCEEDED");
      await journey.waitForStage(statusUrl, "ACTIVE");
      active[name] = { id: partnershipId, statusUrl };
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await journey?.stop();
  });

  /** Each page shown is accessible and fits the phone. */
  async function checked(page: Page): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await overflowingCells(page)).toEqual([]);
  }

  it.each(["officer", "lead"] as const)(
    "signed in as the %s: the list, the confirmation, and the notice once started",
    async (role) => {
      const name = NAMES[role];
      const token = tokens.find((t) => t.role === role)?.token ?? "";
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, bypassCSP: true });
      const page = await context.newPage();
      await signIn(page, journey.url("/"), token, "/console/reviews");

      // The list: each active partnership, its next review's day, and its button.
      expect(await page.getByRole("heading", { level: 1, name: "Periodic reviews" }).count()).toBe(1);
      const row = page.getByRole("row").filter({ hasText: name });
      expect(await row.textContent()).toMatch(/[A-Z][a-z]+ \d+, \d{4}/);
      await checked(page);

      // The button asks for a confirmation first: nothing started yet.
      await Promise.all([
        page.waitForNavigation(),
        row.getByRole("button", { name: `Start the review now, for ${name}` }).click(),
      ]);
      expect(
        await page.getByRole("heading", { level: 1, name: `Start the review of ${name} now?` }).count(),
      ).toBe(1);
      await checked(page);
      const { id, statusUrl } = active[name] ?? { id: "", statusUrl: "" };
      await journey.waitForStage(statusUrl, "ACTIVE");

      // Confirmed: back on the list, which says whose review started.
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole("button", { name: "Yes, start the review now" }).click(),
      ]);
      expect(new URL(page.url()).pathname).toBe("/console/reviews");
      expect(await page.getByRole("status").textContent()).toContain(`The review of ${name} has started`);
      await checked(page);
      await journey.waitForStage(statusUrl, "IN_REVIEW");

      // A stale tab's confirmation: the review is already under way, and says so.
      await page.goto(journey.url(`/console/partnerships/${id}/reviews`));
      expect(
        await page
          .getByRole("heading", { level: 1, name: `A review of ${name} is already under way` })
          .count(),
      ).toBe(1);
      await checked(page);
      await context.close();
    },
  );
});
