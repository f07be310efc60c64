/**
 * The pages of leaving in a real browser (issue 13), on a phone's width: the partner's withdrawal form from the
 * status page (an unconfirmed POST shows the form again with the error summary, its answer kept; a confirmed one
 * lands on the status page, withdrawn) and the lead's termination form from the console's partnership page.
 * Each has no serious or critical accessibility violation, and fits the width.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Journey } from "../e2e/harness.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { axeViolations, CHROMIUM, launch, pageWidth } from "./browser.ts";
import { signIn } from "./sign-in.ts";

describe.runIf(CHROMIUM)("the withdrawal and termination forms in a real browser", () => {
  let journey: Journey;
  let browser: Browser;
  let lead = "";

  beforeAll(async () => {
    journey = await Journey.start();
    lead = journey.runtime.staff.seed().find((t) => t.role === "lead")?.token ?? "";
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await journey?.stop();
  });

  const submit = async (name: string) => {
    const answer = await journey.submitJson(makeIntake({ organisation: { name } }));
    return (await answer.json()) as { partnershipId: string; statusUrl: string };
  };

  it("the partner withdraws from the status page", async () => {
    const { statusUrl } = await submit("Browser Withdrawal Trust");
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(statusUrl);
    await page.getByRole("link", { name: "Withdraw from the partnership" }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Withdraw from the partnership");
    expect(await axeViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);

    await page.getByLabel("Why are you withdrawing?").fill("We no longer run placements.");
    await page.getByRole("button", { name: "Withdraw from the partnership" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("Tick the box to confirm");
    expect(await page.getByLabel("Why are you withdrawing?").inputValue()).toBe(
      "We no longer run placements.",
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel(/I understand this ends the partnership/).check();
    await Promise.all([
      page.waitForURL(statusUrl),
      page.getByRole("button", { name: "Withdraw from the partnership" }).click(),
    ]);
    expect(await page.locator("#stage").getAttribute("data-stage")).toBe("WITHDRAWN");
    expect(await page.getByRole("link", { name: "Withdraw from the partnership" }).count()).toBe(0);
    await context.close();
  });

  it("the lead terminates from the console", async () => {
    const { partnershipId } = await submit("Browser Termination Trust");
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, journey.url("/"), lead, `/console/partnerships/${partnershipId}`);
    await page.getByRole("link", { name: "Terminate…" }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Terminate the partnership");
    expect(await axeViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);

    await page.getByLabel("Reason for the termination").fill("The organisation has closed.");
    await page.getByLabel(/I understand this ends the partnership/).check();
    await Promise.all([
      page.waitForURL(journey.url(`/console/partnerships/${partnershipId}`)),
      page.getByRole("button", { name: "Terminate the partnership" }).click(),
    ]);
    expect(await page.locator(".stage").first().getAttribute("data-stage")).toBe("TERMINATED");
    expect(await page.getByRole("link", { name: "Terminate…" }).count()).toBe(0);
    await context.close();
  });
});
