import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Journey } from "../e2e/harness.ts";
import { axeViolations, CHROMIUM, launch, pageWidth } from "./browser.ts";

describe.runIf(CHROMIUM)("intake form in a real browser", () => {
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

  it("shows messages next to the fields when submitted empty, then accepts a complete intake", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(journey.url("/"));
    await page.getByRole("button", { name: "Submit intake" }).click();
    await expect.poll(() => page.locator(".summary").count()).toBe(1);
    expect(await page.locator("#f-organisation-name-error").textContent()).toBeTruthy();
    expect(await page.evaluate("document.activeElement?.id")).toBe("error-summary");

    await page.fill("#f-organisation-name", "Browser Test Builders");
    await page.selectOption("#f-organisation-type", "employer");
    await page.fill("#f-organisation-website", "https://browser-builders.example.org");
    await page.fill("#f-organisation-address-line1", "1 Test Street");
    await page.fill("#f-organisation-address-city", "Toronto");
    await page.fill("#f-organisation-address-country", "Canada");
    await page.fill("#f-contact-name", "Casey Contact");
    await page.fill("#f-contact-email", "casey@browser-builders.example.org");
    await page.fill("#f-signatory-name", "Sam Signer");
    await page.fill("#f-signatory-title", "Director");
    await page.fill("#f-signatory-email", "sam@browser-builders.example.org");
    await page.fill("#f-services", "Job shadowing in carpentry\nCareer talks on the trades");
    await page.check('input[name="contributionTypes"][value="work-experience-placement"]');
    await page.check('input[name="audiences"][value="secondary"]');
    await page.fill(
      "#f-needsAssessment-needToFill",
      "Young people in our area rarely see the trades up close.",
    );
    await page.fill(
      "#f-needsAssessment-expectedOutcome",
      "Ten secondary students a year try a trade placement.",
    );
    await page.fill("#f-needsAssessment-soughtFromOffice", "Introductions to secondary schools");
    await page.fill("#f-needsAssessment-offerToOffice", "Supervised placements and a mentor");
    await page.check('input[name="needsAssessment.readiness.hasCapacity"][value="yes"]');
    await page.fill("#f-needsAssessment-readiness-staffingHoursPerMonth", "12");
    await page.fill(
      "#f-needsAssessment-readiness-resources",
      "A placement coordinator and a budget for safety gear",
    );
    await page.check('input[name="needsAssessment.readiness.policies"][value="safeguarding"]');
    await page.getByRole("button", { name: "Submit intake" }).click();

    await expect.poll(() => page.locator("h1").textContent()).toBe("Thank you");
    await page.click("#status-link");
    await expect
      .poll(() => page.locator("#stage").textContent(), { timeout: 10_000 })
      .toMatch(/^(Submitted|Needs assessment)$/);
    expect(await page.locator("#stage").getAttribute("data-stage")).toMatch(/^(SUBMITTED|ASSESSING)$/);
    await page.screenshot({ path: "test-results/intake-status.png" });
    expect(violations).toEqual([]);
  });

  it("fits a phone and has no serious accessibility violation, blank and with its errors", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(journey.url("/"));
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Submit intake" }).click();
    await expect.poll(() => page.locator(".summary").count()).toBe(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
