/**
 * Expiring evidence's pages in a real browser, on a phone: an active partnership whose insurance has lapsed
 * (the clock moved on by PARTNERFLOW_CLOCK_OFFSET_DAYS, the sweep run) is asked for it again, and its renewal
 * page says why; its status page says it is at risk and why. Each fits the phone, and axe finds no serious or
 * critical violation.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, calendarDateWords, todayIn } from "#shared/domain/calendar-dates.ts";
import { CLOCK_OFFSET_ENV } from "#shared/ports/clock.ts";
import { Journey, linkIn } from "../e2e/harness.ts";
import { activeWithInsuranceTo } from "../e2e/onboarding-steps.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { axeViolations, CHROMIUM, launch, pageWidth } from "./browser.ts";

const PHONE = { width: 360, height: 740 };

describe.runIf(CHROMIUM)("expiring evidence's pages in a real browser, on a phone", () => {
  let journey: Journey;
  let browser: Browser;
  let phone: BrowserContext;

  beforeAll(async () => {
    journey = await Journey.start();
    browser = await launch();
    // axe is a script, which the pages' CSP refuses (the intake form's browser test checks the CSP itself).
    phone = await browser.newContext({ viewport: PHONE, bypassCSP: true, isMobile: true, hasTouch: true });
  });
  afterAll(async () => {
    delete process.env[CLOCK_OFFSET_ENV];
    await browser?.close();
    await journey?.stop();
  });

  it("the renewal page says the evidence expired and asks for it; the status page says the partnership is at risk", async () => {
    const intake = makeIntake({ organisation: { name: "Lapsed Cover Workshops" } });
    const expiry = addDays(todayIn(new Date(), "America/Toronto"), 3);
    const { statusUrl } = await activeWithInsuranceTo(journey, intake, expiry);
    process.env[CLOCK_OFFSET_ENV] = "5";
    expect(await journey.runtime.scheduler.run("start-vetting-renewals")).toMatchObject({
      started: 1,
      lapsed: 1,
      failed: 0,
    });

    const mail = await journey.waitForMail(
      /^Vetting: 1 checklist item needed for Lapsed Cover/,
      intake.contact.email,
    );
    const page = await phone.newPage();
    await page.goto(linkIn(mail, "/vetting-renewal"));
    await expect
      .poll(() => page.locator("#item-liability-insurance .notice").textContent())
      .toBe(
        `Your evidence for this expired on ${calendarDateWords(expiry)}; please give the renewed evidence now.`,
      );
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await axeViolations(page), "the renewal page").toEqual([]);

    await page.goto(statusUrl);
    await expect
      .poll(() => page.locator("#history").textContent())
      .toContain("The partnership is at risk: your evidence lapsed");
    expect(await page.locator("#next").textContent()).toContain("whose evidence expires soon");
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await axeViolations(page), "the status page").toEqual([]);
  }, 120_000);
});
