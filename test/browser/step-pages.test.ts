/**
 * The human steps' pages as people meet them, on a phone: 360 px wide at most, a visible focus ring on an
 * invalid field, a form shown again with its errors, the error summary's links leaving the label and the
 * message in view, the decline's confirmation, the used link's page; axe finds no serious or critical
 * violation on any of them.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { hashToken } from "#shared/domain/link-tokens.ts";
import { ANY_OFFICER, Journey, linkIn } from "../e2e/harness.ts";
import { makeIntake } from "../fixtures/intake.ts";
import {
  axeViolations,
  CHROMIUM,
  inViewport,
  launch,
  outlineOf,
  pageWidth,
  wordsBrokenInCells,
} from "./browser.ts";

const OFFICER = ANY_OFFICER;
const PHONE = { width: 360, height: 740 };
const LONG_EMAIL =
  "a.very.long.contact.address.with.no.spaces@an-extremely-long-domain-name-for-testing.example.org";
const LONG_SITE =
  "https://an-extremely-long-subdomain-for-testing-wrapping.example.org/with/a/long/path/that/wraps";

describe.runIf(CHROMIUM)("the human steps' pages in a real browser, on a phone", () => {
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
    await browser?.close();
    await journey?.stop();
  });

  async function submitted(name: string) {
    const intake = makeIntake({
      organisation: { name, website: LONG_SITE },
      contact: { name: "Casey Contact", email: LONG_EMAIL },
    });
    const response = await journey.submitJson(intake);
    expect(response.status).toBe(202);
    const { statusUrl } = (await response.json()) as { statusUrl: string };
    const mail = await journey.waitForMail(new RegExp(`Decision needed: intake review for ${name}`), OFFICER);
    return { statusUrl, review: linkIn(mail, "/decisions"), intake };
  }

  /** The page fits the phone, and axe finds nothing serious on it. */
  async function checked(page: Page, what: string) {
    expect(await pageWidth(page), `${what} is wider than the phone`).toBeLessThanOrEqual(PHONE.width);
    expect(await wordsBrokenInCells(page), `${what} breaks words inside its table cells`).toEqual([]);
    expect(await axeViolations(page), what).toEqual([]);
  }

  it("the officer's review: fits, shows a missing comment next to the field with a focus ring, and keeps it in view", async () => {
    const { review, statusUrl } = await submitted("Phone Width Fabricators");
    const page = await phone.newPage();
    await page.goto(review);
    await checked(page, "the review page");
    await page.screenshot({ path: "test-results/review-phone.png", fullPage: true });

    await page.getByRole("button", { name: "Ask for more information" }).click();
    await expect.poll(() => page.title()).toMatch(/^Please correct the form: Intake review/);
    // The summary takes the focus, so that a screen reader reads what is wrong first.
    await expect.poll(() => page.evaluate("document.activeElement?.id")).toBe("error-summary");
    await checked(page, "the review page with its errors");
    expect(await page.locator("#f-comment-error").textContent()).toBe(
      "Required: say what information the partner should add",
    );

    // The summary's link takes the reader to the field, with its label and message still in view.
    await page.locator('.summary a[href="#f-comment"]').click();
    expect(await inViewport(page, ["label[for=f-comment]", "#f-comment-error", "#f-comment"])).toEqual([
      true,
      true,
      true,
    ]);

    // An invalid field keeps a visible focus ring.
    await page.locator("#f-comment").focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    const ring = await outlineOf(page, "#f-comment");
    expect(ring.style).not.toBe("none");
    expect(ring.width).toBeGreaterThanOrEqual(2);

    await page.fill("#f-comment", "Which schools would the mentors visit?");
    await page.check("#f-noConflict");
    await page.getByRole("button", { name: "Ask for more information" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Decision recorded");
    await checked(page, "the decision-recorded page");

    // The link again, as a reload or a second click would open it: what was decided, when, by whom.
    await page.goto(review);
    expect(await page.locator("h1").textContent()).toBe("Already decided");
    expect(await page.locator("#used-link").textContent()).toMatch(
      /More information was asked of the partner\.[\s\S]*\(America\/Toronto\) by the partnership officer\./,
    );
    await checked(page, "the used link's page");

    // The partner's side: the status page and the resubmission form.
    await page.goto(statusUrl);
    await checked(page, "the status page");
    const ask = await journey.waitForMail(/More information needed/, LONG_EMAIL);
    await page.goto(linkIn(ask, "/resubmit"));
    expect(await page.locator("body").textContent()).toContain("Which schools would the mentors visit?");
    await checked(page, "the resubmission form");
    await page.getByRole("button", { name: "Send my answer and updated intake" }).click();
    await expect.poll(() => page.title()).toMatch(/^Please correct the form/);
    expect(await page.locator("#f-answer-error").textContent()).toBe("Required");
    await checked(page, "the resubmission form with its errors");
    await page.close();
  });

  it("a decline asks for one deliberate confirmation, which can go back with the comment kept", async () => {
    const { review } = await submitted("Confirm Step Joinery");
    const page = await phone.newPage();
    await page.goto(review);
    await page.fill("#f-comment", "We have enough joinery partners this year.");
    await page.check("#f-noConflict");
    await page.getByRole("button", { name: "Decline…" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Confirm: Decline");
    await checked(page, "the decline's confirmation");
    await page.getByRole("button", { name: "No, go back" }).click();
    await expect
      .poll(() => page.locator("#f-comment").inputValue())
      .toBe("We have enough joinery partners this year.");
    await page.getByRole("button", { name: "Decline…" }).click();
    await page.getByRole("button", { name: "Yes: decline" }).click();
    await expect
      .poll(() => page.locator("#done").textContent())
      .toBe("Declined. The partner has been told, with your reason.");
    await page.close();
  });

  it("an escalated step without a session: the step with its notice to sign in; its POST refused, the answers kept", async () => {
    const { review } = await submitted("Escalated Notice Works");
    const repository = new DynamoDbPartnershipRepository(
      createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
      "partnerflow",
    );
    const token = review.slice(-43);
    const link = await repository.getLink(hashToken(token));
    const decision = await repository.getDecision(link?.partnershipId ?? "", link?.decisionId ?? "");
    if (!decision) throw new Error("No decision for the review's link");
    // Escalated as the reminder sweep marks it.
    expect(
      await repository.noteReminder(decision, {
        on: "2026-12-01",
        count: 0,
        escalatedAt: new Date().toISOString(),
      }),
    ).toBe(true);
    const page = await phone.newPage();
    await page.goto(review);
    expect(await page.locator("#decider-refused").textContent()).toContain(
      "This step was escalated to the lead: sign in to decide it.",
    );
    expect(await page.locator("#escalated-sign-in").getAttribute("href")).toBe("/sign-in");
    await checked(page, "the escalated step's page");
    await page.fill("#f-comment", "Looks aligned.");
    await page.check("#f-noConflict");
    await page.getByRole("button", { name: "Approve" }).click();
    await expect
      .poll(() => page.locator("#decider-refused").textContent())
      .toContain("Nothing was recorded.");
    expect(await page.locator("#f-comment").inputValue()).toBe("Looks aligned.");
    await checked(page, "the escalated step's refusal");
    expect((await repository.getDecision(decision.partnershipId, decision.decisionId))?.status).toBe("open");
    await page.close();
  });
});
