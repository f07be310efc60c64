/** The 404 page in a real browser: nothing the CSP blocks, its icon, a phone's width, a way out. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Journey } from "../e2e/harness.ts";
import { axeViolations, CHROMIUM, launch } from "./browser.ts";

describe.runIf(CHROMIUM)("the 404 page in a real browser", () => {
  let journey: Journey;
  let browser: Browser;

  beforeAll(async () => {
    journey = await Journey.start();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await journey?.stop();
  });

  it("shows a phone a page it can read and leave, with the site's icon and nothing the CSP blocks", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto(journey.url("/no/such/page"));
    expect(response?.status()).toBe(404);
    // Headless Chromium fetches no icon by itself: fetch the one the page links to.
    const iconHref = await page
      .locator('link[rel="icon"]')
      .evaluate((link) => (link as { href: string }).href);
    const icon = await page.request.get(iconHref);
    expect([icon.status(), icon.headers()["content-type"]]).toEqual([200, "image/svg+xml"]);
    expect(await page.title()).toBe("Page not found · Partnerflow");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    await page.getByRole("link", { name: "Go to the partnership intake form" }).click();
    await page.waitForURL(journey.url("/"));
    expect(violations).toEqual([]);
    await page.close();
  });

  it("has no serious or critical accessibility violation", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(journey.url("/no/such/page"));
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
