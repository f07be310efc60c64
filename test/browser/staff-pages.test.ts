/**
 * The staff's sign-in page and the officer's inbox in a real browser: a page without a session leads to the
 * sign-in page and back; a wrong token is said so beside the field; the session cookie is HttpOnly, Secure,
 * SameSite=Lax and __Host- (Chromium keeps it on http://127.0.0.1); the inbox marks an overdue decision in words;
 * both pages have no serious or critical accessibility violation, on a phone's width.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IssuedToken } from "#infra/local/staff.ts";
import { SESSION_COOKIE } from "#shared/auth/cookies.ts";
import { ANY_OFFICER, Journey } from "../e2e/harness.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { axeViolations, CHROMIUM, launch, overflowingCells, pageWidth } from "./browser.ts";
import { signIn } from "./sign-in.ts";

/** Who a review went to, by the key of their token: "officer", "second" or "lead". */
const roleOf = (to: readonly string[]) =>
  to.includes("lead@example.org") ? "lead" : to.includes("second.officer@example.org") ? "second" : "officer";

describe.runIf(CHROMIUM)("the staff's sign-in and inbox in a real browser", () => {
  let journey: Journey;
  let browser: Browser;
  let tokens: Record<string, IssuedToken>;
  let assignee = "officer";

  beforeAll(async () => {
    journey = await Journey.start();
    tokens = Object.fromEntries(journey.runtime.staff.seed().map((t) => [t.role, t]));
    // The second officer of cdk.json, so that whoever a review is assigned to can sign in.
    tokens.second = journey.runtime.staff.add("officer", "second.officer@example.org");
    browser = await launch();
    const name = "Browser Inbox Trust";
    await journey.submitJson(makeIntake({ organisation: { name } }));
    const review = await journey.waitForMail(new RegExp(`intake review for ${name}`), ANY_OFFICER);
    assignee = roleOf(review.to);
  });
  afterAll(async () => {
    await browser?.close();
    await journey?.stop();
  });
  const token = (role: string) => tokens[role]?.token ?? "";

  it("leads a browser from the inbox to sign in and back, with a __Host- HttpOnly, Secure, SameSite=Lax cookie", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(journey.url("/console/inbox"));
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.getByLabel("Staff token").fill(token(assignee));
    await Promise.all([
      page.waitForURL(journey.url("/console/inbox")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Inbox");
    expect(await page.getByRole("cell", { name: "Browser Inbox Trust", exact: true }).count()).toBe(1);
    expect(
      await page
        .getByRole("button", { name: "Open the intake review to decide, for Browser Inbox Trust" })
        .count(),
    ).toBe(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    const [cookie] = (await context.cookies()).filter((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    // Signing out ends it: the inbox leads to the sign-in page again.
    await Promise.all([
      page.waitForURL(/\/sign-in\?signed-out=1$/),
      page.getByRole("button", { name: "Sign out" }).click(),
    ]);
    expect(await page.getByRole("status").textContent()).toBe("You are signed out.");
    await page.goto(journey.url("/console/inbox"));
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await context.close();
  });

  it("opens the officer's decision from what the inbox offers: no name leads elsewhere, its button opens the step's page", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await signIn(page, journey.url("/"), token(assignee), "/console/inbox");
    const row = page.getByRole("row").filter({ hasText: "Browser Inbox Trust" });
    expect(await row.getByRole("link").count()).toBe(0);
    await Promise.all([
      page.waitForURL(/\/decisions\/[A-Za-z0-9_-]{43}$/),
      row.getByRole("button", { name: "Open the intake review to decide, for Browser Inbox Trust" }).click(),
    ]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Browser Inbox Trust");
    expect(await page.getByRole("button", { name: /approve/i }).count()).toBeGreaterThan(0);
    await context.close();
  });

  it("says beside the field that a wrong token signs nobody in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(journey.url("/sign-in"));
    await page.getByLabel("Staff token").fill("A".repeat(43));
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Sign in" }).click()]);
    expect(await page.getByRole("alert").textContent()).toContain("this token signs nobody in");
    expect(await page.getByLabel("Staff token").getAttribute("aria-invalid")).toBe("true");
    expect((await context.cookies()).filter((c) => c.name === SESSION_COOKIE)).toEqual([]);
    await expect(signIn(page, journey.url("/"), "B".repeat(43))).rejects.toThrow(/refused/);
    await context.close();
  });

  it("keeps each of the inbox's cells' content within its cell at a phone's 375 px", async () => {
    for (const who of new Set([assignee, "lead"])) {
      const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
      const page = await context.newPage();
      await signIn(page, journey.url("/"), token(who), "/console/inbox");
      expect(await page.locator("tbody tr").count(), who).toBeGreaterThan(0);
      expect(await pageWidth(page), who).toBeLessThanOrEqual(375);
      expect(await overflowingCells(page), who).toEqual([]);
      await context.close();
    }
  });

  it("signs in through signIn() and refuses an auditor the inbox", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, journey.url("/"), token("auditor"), "/console/inbox");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Not allowed");
    await context.close();
  });

  it.each([
    ["the sign-in page", "/sign-in?next=%2Fconsole%2Finbox", undefined],
    ["the sign-in page with its error", "/sign-in", "wrong"],
    ["the inbox", "/console/inbox", "signed in"],
  ] as const)("has no serious or critical accessibility violation on %s", async (_, path, state) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, bypassCSP: true });
    const page = await context.newPage();
    if (state === "signed in") await signIn(page, journey.url("/"), token(assignee));
    await page.goto(journey.url(path));
    if (state === "wrong") {
      await page.getByLabel("Staff token").fill("A".repeat(43));
      await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Sign in" }).click()]);
    }
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
