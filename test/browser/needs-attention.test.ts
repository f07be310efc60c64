/**
 * The inbox's "Needs attention" section in a real browser (issue 13): a partnership whose checklist step failed
 * is listed for the lead with where it stopped and the error; the retry's box must be ticked before its button
 * posts; ticked, the retry leads back to the inbox with nothing needing attention. No serious or critical
 * accessibility violation, and every cell's content within its cell, on a phone's width.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IssuedToken } from "#infra/local/staff.ts";
import { Journey } from "../e2e/harness.ts";
import { toChecklist } from "../e2e/onboarding-steps.ts";
import { crashingOpenStep } from "../fixtures/crashing-open-step.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { axeViolations, CHROMIUM, launch, overflowingCells, pageWidth } from "./browser.ts";
import { signIn } from "./sign-in.ts";

if (!CHROMIUM)
  console.warn(
    "test/browser/needs-attention.test.ts skipped: no /usr/bin/chromium (apt-get install chromium)",
  );

describe.runIf(CHROMIUM)("the lead's needs-attention section in a real browser", () => {
  let journey: Journey;
  let browser: Browser;
  let lead: IssuedToken | undefined;
  let statusUrl = "";
  const NAME = "Browser Attention Orchard";

  beforeAll(async () => {
    journey = await Journey.start({ handlers: { "open-step": crashingOpenStep("vetting-evidence") } });
    lead = journey.runtime.staff.seed().find((t) => t.role === "lead");
    browser = await launch();
    ({ statusUrl } = await toChecklist(journey, makeIntake({ organisation: { name: NAME } })));
    await journey.waitForStage(statusUrl, "NEEDS_ATTENTION");
  });
  afterAll(async () => {
    await browser?.close();
    await journey?.stop();
  });

  it("has no serious or critical accessibility violation, and fits a phone", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, journey.url("/"), lead?.token ?? "", "/console/inbox");
    expect(await page.getByRole("heading", { name: "Needs attention" }).count()).toBe(1);
    const row = page.getByRole("row").filter({ hasText: NAME });
    expect(await row.textContent()).toContain("InjectedCrashError");
    expect(await row.textContent()).toContain("AwaitVettingEvidence");
    expect(await axeViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await overflowingCells(page)).toEqual([]);
    await context.close();
  });

  it("asks for the box to be ticked, then retries and leads back to the inbox", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await signIn(page, journey.url("/"), lead?.token ?? "", "/console/inbox");
    const row = page.getByRole("row").filter({ hasText: NAME });
    const retry = row.getByRole("button", { name: `Retry the failed step, for ${NAME}` });
    // The box is required: the browser does not post the form without it.
    await retry.click();
    expect(new URL(page.url()).pathname).toBe("/console/inbox");
    expect(
      await row
        .getByRole("checkbox")
        .evaluate((box) => (box as unknown as { validity: { valid: boolean } }).validity.valid),
    ).toBe(false);
    expect(await row.getByRole("link", { name: `Terminate…, for ${NAME}` }).getAttribute("href")).toMatch(
      /^\/console\/partnerships\/[0-9A-Z]{26}\/termination$/,
    );
    await row.getByRole("checkbox").check();
    await Promise.all([page.waitForNavigation(), retry.click()]);
    expect(new URL(page.url()).pathname).toBe("/console/inbox");
    expect(await page.getByText("No partnership needs attention").count()).toBe(1);
    await journey.waitForStage(statusUrl, "VETTING");
    await context.close();
  });
});
