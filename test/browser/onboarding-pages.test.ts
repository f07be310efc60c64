/**
 * The later onboarding pages as people meet them, on a phone: the partner's checklist saved half done and
 * resumed with the same link, then sent; the officer's vetting review; the signatory's signing page, refused
 * without consent and then signed; the officer's countersigning page. Each fits 360 px, and axe finds no serious
 * or critical violation on any of them.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANY_OFFICER, Journey } from "../e2e/harness.ts";
import { CHECKLIST, pathOf, toChecklist, toSigning } from "../e2e/onboarding-steps.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { axeViolations, CHROMIUM, launch, pageWidth, wordsBrokenInCells } from "./browser.ts";

const PHONE = { width: 360, height: 740 };

describe.runIf(CHROMIUM)("the onboarding's later pages in a real browser, on a phone", () => {
  let journey: Journey;
  let browser: Browser;
  let phone: BrowserContext;

  beforeAll(async () => {
    journey = await Journey.start();
    browser = await launch();
    phone = await browser.newContext({ viewport: PHONE, bypassCSP: true, isMobile: true, hasTouch: true });
  });
  afterAll(async () => {
    await browser?.close();
    await journey?.stop();
  });

  async function checked(page: Page, what: string) {
    expect(await pageWidth(page), `${what} is wider than the phone`).toBeLessThanOrEqual(PHONE.width);
    expect(await wordsBrokenInCells(page), `${what} breaks a word in a table cell`).toEqual([]);
    expect(await axeViolations(page), what).toEqual([]);
  }
  const url = (path: string) => new URL(path, journey.runtime.urls.app).toString();

  it("the checklist: saved half done, resumed with the same link, sent with its errors fixed", async () => {
    const intake = makeIntake({ organisation: { name: "Phone Checklist Foundry" } });
    const { checklist } = await toChecklist(journey, intake);
    const page = await phone.newPage();
    await page.goto(url(checklist));
    await checked(page, "the checklist");
    await page.screenshot({ path: "test-results/checklist-phone.png", fullPage: true });

    await page.fill("#f-organisation-legitimacy-issuer", "Corporations Canada");
    await page.check("#f-privacy-undertaking-declared");
    await page.getByRole("button", { name: "Save and come back later" }).click();
    await expect.poll(() => page.locator("#saved").count()).toBe(1);
    await checked(page, "the checklist, saved");

    // Later, the same link: what was saved is there.
    const later = await phone.newPage();
    await later.goto(url(checklist));
    expect(await later.locator("#f-organisation-legitimacy-issuer").inputValue()).toBe("Corporations Canada");
    expect(await later.locator("#f-privacy-undertaking-declared").isChecked()).toBe(true);

    // Sent incomplete: the summary takes the focus and names what is missing.
    await later.getByRole("button", { name: "Send for review" }).click();
    await expect.poll(() => later.title()).toMatch(/^Please correct the form: Vetting checklist/);
    await expect.poll(() => later.evaluate("document.activeElement?.id")).toBe("error-summary");
    expect(await later.locator("#f-organisation-legitimacy-number-error").textContent()).toBe("Required");
    await checked(later, "the checklist with its errors");

    for (const [name, value] of Object.entries(CHECKLIST)) {
      const field = later.locator(`[name="${name}"]`);
      if (value === "yes") await field.check();
      else if (name.endsWith(".kind")) await later.check(`[name="${name}"][value="${value}"]`);
      else await field.fill(value);
    }
    await later.getByRole("button", { name: "Send for review" }).click();
    await expect.poll(() => later.locator("h1").textContent()).toBe("Thank you");
    await checked(later, "the checklist's thank-you page");
  });

  it("the signing page: refused without consent, then signed; the countersigning page", async () => {
    const intake = makeIntake({ organisation: { name: "Phone Signing Works" } });
    const { sign, verifier } = await toSigning(journey, intake);
    const page = await phone.newPage();
    await page.goto(url(sign));
    expect(await page.locator("#agreement").count()).toBe(1);
    await checked(page, "the signing page");
    await page.screenshot({ path: "test-results/signing-phone.png", fullPage: true });

    await page.check("#f-intent");
    await page.fill("#f-fullName", intake.signatory.name);
    await page.getByRole("button", { name: "Sign the agreement" }).click();
    await expect.poll(() => page.title()).toMatch(/^Please correct the form: Sign the partnership agreement/);
    expect(await page.locator("#f-consent-error").textContent()).toContain("consent to sign electronically");
    await checked(page, "the signing page with its errors");

    await page.check("#f-consent");
    await page.check("#f-intent");
    await page.fill("#f-fullName", intake.signatory.name);
    await page.getByRole("button", { name: "Sign the agreement" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Thank you");

    const countersign = await journey.waitForMail(
      /countersign the agreement with Phone Signing Works/,
      ANY_OFFICER,
    );
    expect(countersign.to).not.toContain(verifier);
    const officer = await phone.newPage();
    await officer.goto(url(pathOf(countersign, "/countersign")));
    await checked(officer, "the countersigning page");
  });
});
