/**
 * The console's pages in a real browser, signed in as the auditor (through one helper), with a real journey's
 * data: the list filtered by its GET form leads to the partnership; its page verifies on the button, draws the
 * workflow with the current state said in words (the SVG's description and the page's text), scrolls the
 * diagram rather than the page on a phone, and a decision's page shows the step as its decider saw it; nothing
 * the CSP blocks, and axe finds no serious or critical violation on any of them.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Journey } from "../e2e/harness.ts";
import { toChecklist } from "../e2e/onboarding-steps.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { axeViolations, CHROMIUM, launch, overflowingCells, pageWidth } from "./browser.ts";
import { signIn } from "./sign-in.ts";

describe.runIf(CHROMIUM)("the console in a real browser", () => {
  let journey: Journey;
  let browser: Browser;
  let token = "";
  let partnershipId = "";

  beforeAll(async () => {
    journey = await Journey.start();
    browser = await launch();
    token = journey.runtime.staff.seed().find((t) => t.role === "auditor")?.token ?? "";
    ({ partnershipId } = await toChecklist(
      journey,
      makeIntake({ organisation: { name: "Diagram Lane Choir" } }),
    ));
  });
  afterAll(async () => {
    await browser?.close();
    await journey?.stop();
  });

  /** A signed-in auditor's browser; `axe` lets axe's script run (the pages' CSP allows none). */
  async function auditor(
    width: number,
    axe = false,
  ): Promise<{ context: BrowserContext; page: Page; blocked: string[] }> {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      ...(axe ? { bypassCSP: true } : {}),
    });
    const page = await context.newPage();
    await signIn(page, journey.url("/"), token);
    const blocked: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    return { context, page, blocked };
  }

  it("filters the list with its form and opens the partnership, verifies it, and says where it stands", async () => {
    const { context, page, blocked } = await auditor(1280);
    await page.goto(journey.url("/console"));
    await page.getByLabel("Stage").selectOption("VETTING");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/\/console\?stage=VETTING/);
    await page.getByRole("link", { name: "Diagram Lane Choir" }).click();
    await page.waitForURL(journey.url(`/console/partnerships/${partnershipId}`));
    await page.getByRole("button", { name: "Verify the ledger" }).click();
    await page.waitForURL(/\?verify=1$/);
    expect(await page.getByRole("status").textContent()).toMatch(/^Verified\./);
    expect(await page.locator("#current-state").textContent()).toMatch(/Current state: AwaitVettingEvidence/);
    // The diagram is an image whose name and description say which state is current.
    const diagram = page.getByRole("img", { name: "The onboarding workflow" });
    expect(await diagram.count()).toBe(1);
    expect(await diagram.getAttribute("aria-labelledby")).toBe("wf-onboarding-title wf-onboarding-desc");
    expect(await page.locator("#wf-onboarding-desc").textContent()).toMatch(
      /The current state is AwaitVettingEvidence/,
    );
    expect(await page.locator('[data-current="true"] text').allTextContents()).toContain("▶ current state");
    await page
      .getByRole("link", { name: /As the decider saw it/ })
      .first()
      .click();
    await page.waitForURL(/\/decisions\//);
    expect(await page.locator("#match").getAttribute("data-match")).toBe("true");
    expect(await page.locator("fieldset.as-seen button").first().isDisabled()).toBe(true);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("keeps a phone's page its width: the diagram scrolls in its own region", async () => {
    const { context, page } = await auditor(360);
    await page.goto(journey.url(`/console/partnerships/${partnershipId}`));
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await context.close();
  });

  it("keeps each table cell's content within its cell at a phone's 375 px, the stage badge included", async () => {
    const { context, page } = await auditor(375);
    for (const path of ["/console", `/console/partnerships/${partnershipId}`]) {
      await page.goto(journey.url(path));
      expect(await pageWidth(page), path).toBeLessThanOrEqual(375);
      expect(await overflowingCells(page), path).toEqual([]);
    }
    // Each row's cells stacked, each named: the stage and the type read as label and value.
    await page.goto(journey.url("/console"));
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector("#partnerships td[data-label=Stage]")).display`,
      ),
    ).toBe("block");
    await context.close();
  });

  it("says who is signed in on each console page, and lets an auditor sign out from /console", async () => {
    const { context, page } = await auditor(1280);
    await page.goto(journey.url(`/console/partnerships/${partnershipId}`));
    expect(await page.locator("header .signed-in-as").textContent()).toBe(
      "Signed in as auditor@example.org (auditor)",
    );
    await page.goto(journey.url("/console"));
    expect(await page.locator("header .signed-in-as").textContent()).toBe(
      "Signed in as auditor@example.org (auditor)",
    );
    await Promise.all([
      page.waitForURL(/\/sign-in\?signed-out=1$/),
      page.getByRole("button", { name: "Sign out" }).click(),
    ]);
    expect(await page.getByRole("status").textContent()).toBe("You are signed out.");
    await page.goto(journey.url("/console"));
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await context.close();
  });

  it('moves focus to the current state on "Show it in the diagram", and the decision\'s page has one h1', async () => {
    const { context, page } = await auditor(1280);
    await page.goto(journey.url(`/console/partnerships/${partnershipId}`));
    await page.getByRole("link", { name: "Show it in the diagram" }).click();
    expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe(
      "wf-onboarding-current",
    );
    await page
      .getByRole("link", { name: /As the decider saw it/ })
      .first()
      .click();
    await page.waitForURL(/\/decisions\//);
    expect(await page.getByRole("heading", { level: 1 }).allTextContents()).toEqual([
      "A decision as the decider saw it",
    ]);
    expect(await page.locator("header .signed-in-as").count()).toBe(1);
    await context.close();
  });

  it("has no serious or critical accessibility violation on the list, the partnership and a decision", async () => {
    const { context, page } = await auditor(1280, true);
    await page.goto(journey.url("/console"));
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(journey.url(`/console/partnerships/${partnershipId}?verify=1`));
    expect(await axeViolations(page)).toEqual([]);
    const decision = await page
      .getByRole("link", { name: /As the decider saw it/ })
      .first()
      .getAttribute("href");
    await page.goto(journey.url(decision ?? ""));
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
