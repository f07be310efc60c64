/**
 * The checklist's upload guard (shared/web/upload-guard.ts) in a real browser, through the local runtime, under the
 * page's own Content-Security-Policy (no bypass, so the inline script runs only if its hash is right): a file over
 * 4 MB is cleared when chosen, with the server's message; files that come to more than one POST carries hold the
 * save, with a summary that says which to send separately, and nothing reaches the server; a file within the
 * limits is saved as before. Axe finds nothing serious on the page with either message, on a phone.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DOCUMENT_TOO_LARGE,
  limitWords,
  MAX_DOCUMENT_BYTES,
  MAX_POST_FILES_BYTES,
  refusedUploadMessage,
} from "#shared/domain/document-limits.ts";
import { Journey } from "../e2e/harness.ts";
import { toChecklist } from "../e2e/onboarding-steps.ts";
import { tinyPdf } from "../fixtures/documents.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { axeViolations, CHROMIUM, launch, pageWidth } from "./browser.ts";

const PHONE = { width: 360, height: 740 };
const LEGITIMACY = "#f-organisation-legitimacy-document";
const INSURANCE = "#f-liability-insurance-document";

/** A PDF (a real one, padded with zeros to the size asked) as the file picker gives it. */
function pdfFile(name: string, size: number) {
  const buffer = Buffer.alloc(size);
  buffer.set(tinyPdf());
  return { name, mimeType: "application/pdf", buffer };
}

describe.runIf(CHROMIUM)("the checklist's upload guard in a real browser", () => {
  let journey: Journey;
  let browser: Browser;
  /** The page's own CSP applies: the guard runs only if the policy allows its hash. */
  let strict: BrowserContext;

  beforeAll(async () => {
    journey = await Journey.start();
    browser = await launch();
    strict = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  });
  afterAll(async () => {
    await browser?.close();
    await journey?.stop();
  });

  /** A page on the strict context that records CSP reports, script errors and every POST it sends. */
  async function watched(): Promise<{ page: Page; problems: string[]; posts: string[] }> {
    const page = await strict.newPage();
    const problems: string[] = [];
    const posts: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    return { page, problems, posts };
  }

  const filesIn = (page: Page, selector: string) =>
    page.evaluate(`document.querySelector(${JSON.stringify(selector)}).files.length`);

  it("clears a file over 4 MB when it is chosen, with the server's message, and takes a smaller one", async () => {
    const { checklist } = await toChecklist(
      journey,
      makeIntake({ organisation: { name: "Oversize Scan Printers" } }),
    );
    const { page, problems, posts } = await watched();
    await page.goto(journey.url(checklist));
    await page.fill("#f-liability-insurance-issuer", "Maple Mutual");

    await page.setInputFiles(INSURANCE, pdfFile("big-scan.pdf", MAX_DOCUMENT_BYTES + 1));
    const message = refusedUploadMessage(DOCUMENT_TOO_LARGE);
    await expect.poll(() => page.locator(`${INSURANCE}-too-large`).textContent()).toBe(message);
    expect(await filesIn(page, INSURANCE)).toBe(0);
    const input = page.locator(INSURANCE);
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    expect((await input.getAttribute("aria-describedby"))?.split(" ")).toContain(
      "f-liability-insurance-document-too-large",
    );
    expect(await input.getAttribute("class")).toContain("invalid");
    // The summary, in the live region at the top, names the field as the server's summary would, and links to it.
    const summary = page.locator("#upload-problems #upload-summary");
    expect(await summary.locator("h2").textContent()).toBe("There is a problem");
    expect(await summary.locator(`a[href="${INSURANCE}"]`).textContent()).toBe(
      "Liability insurance: document",
    );
    expect(await summary.locator("li").first().textContent()).toBe(
      `Liability insurance: document: ${message}`,
    );
    expect(await page.locator("#upload-problems").getAttribute("role")).toBe("alert");
    expect(await page.inputValue("#f-liability-insurance-issuer")).toBe("Maple Mutual");

    // A file within the limit, in the same input: the message goes, and the file stays chosen.
    await page.setInputFiles(INSURANCE, pdfFile("insurance.pdf", 200_000));
    await expect.poll(() => page.locator(`${INSURANCE}-too-large`).count()).toBe(0);
    expect(await filesIn(page, INSURANCE)).toBe(1);
    expect(await input.getAttribute("aria-invalid")).toBeNull();
    expect(await input.getAttribute("aria-describedby")).toBe("f-liability-insurance-document-hint");
    expect(await page.locator("#upload-summary").count()).toBe(0);
    expect(posts).toEqual([]);

    // And it is saved as before.
    await page.getByRole("button", { name: "Save and come back later" }).click();
    await expect.poll(() => page.locator("#saved").count()).toBe(1);
    expect(await page.locator("#f-liability-insurance-document-hint").textContent()).toMatch(
      /^Saved: insurance\.pdf \(196 KB\)/,
    );
    expect(posts).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it("holds a save whose files come to more than one POST carries: nothing is sent, and it says what to send later", async () => {
    const { checklist } = await toChecklist(
      journey,
      makeIntake({ organisation: { name: "Heavy Binder Archives" } }),
    );
    const { page, problems, posts } = await watched();
    await page.goto(journey.url(checklist));
    await page.fill("#f-organisation-legitimacy-issuer", "Corporations Canada");
    // Each within 4 MB, together over the POST's limit.
    const each = Math.ceil(MAX_POST_FILES_BYTES / 2) + 50_000;
    expect(each).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    await page.setInputFiles(LEGITIMACY, pdfFile("registration.pdf", each));
    await page.setInputFiles(INSURANCE, pdfFile("insurance-policy.pdf", each));
    // Within the limit each: no message yet.
    expect(await page.locator("#upload-summary").count()).toBe(0);

    for (const button of ["Save and come back later", "Send for review"]) {
      await page.getByRole("button", { name: button }).click();
      const summary = page.locator("#upload-summary");
      await expect.poll(() => summary.count()).toBe(1);
      // The summary takes the focus, as the server's does, so that it is read first.
      await expect.poll(() => page.evaluate("document.activeElement?.id")).toBe("upload-summary");
      const text = (await summary.textContent()) ?? "";
      expect(text).toContain(
        `One save or send can carry at most ${limitWords(MAX_POST_FILES_BYTES)} of files in all.`,
      );
      expect(text).toContain("nothing has been sent");
      // The second file is the one to send separately; the first fits.
      expect(await summary.locator(`a[href="${INSURANCE}"]`).textContent()).toBe(
        "Liability insurance: document",
      );
      expect(text).toContain("insurance-policy.pdf");
      expect(await summary.locator(`a[href="${LEGITIMACY}"]`).count()).toBe(0);
    }
    // Nothing reached the server: the browser sent no POST, and the link has no draft saved.
    expect(posts).toEqual([]);
    const onServer = await (await journey.fetch(checklist)).text();
    expect(onServer).not.toContain("Last saved");
    expect(onServer).not.toContain("Saved:");
    // Nothing typed or chosen is lost.
    expect(await page.inputValue("#f-organisation-legitimacy-issuer")).toBe("Corporations Canada");
    expect(await filesIn(page, LEGITIMACY)).toBe(1);
    expect(await filesIn(page, INSURANCE)).toBe(1);

    // By keyboard: "Save now without these files" saves the rest, with the first file.
    await page.focus("#save-without");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#saved").count()).toBe(1);
    expect(posts).toHaveLength(1);
    expect(await page.locator("#f-organisation-legitimacy-document-hint").textContent()).toMatch(
      /^Saved: registration\.pdf/,
    );
    expect(await page.locator("#f-liability-insurance-document-hint").textContent()).toMatch(/^Optional/);
    expect(await page.inputValue("#f-organisation-legitimacy-issuer")).toBe("Corporations Canada");

    // Then the other, in a separate save.
    await page.setInputFiles(INSURANCE, pdfFile("insurance-policy.pdf", each));
    await page.getByRole("button", { name: "Save and come back later" }).click();
    await expect
      .poll(() => page.locator("#f-liability-insurance-document-hint").textContent())
      .toMatch(/^Saved: insurance-policy\.pdf/);
    expect(posts).toHaveLength(2);
    expect(await page.locator("#f-organisation-legitimacy-document-hint").textContent()).toMatch(
      /^Saved: registration\.pdf/,
    );
    expect(problems).toEqual([]);
  });

  it("fits a phone, and axe finds nothing serious with either message shown", async () => {
    const { checklist } = await toChecklist(
      journey,
      makeIntake({ organisation: { name: "Axe Check Mills" } }),
    );
    // axe is a script the page's CSP refuses: this context bypasses it (the tests above run under it).
    const context = await browser.newContext({
      viewport: PHONE,
      bypassCSP: true,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(journey.url(checklist));
    await page.setInputFiles(INSURANCE, pdfFile("big-scan.pdf", MAX_DOCUMENT_BYTES + 1));
    await expect.poll(() => page.locator("#upload-summary").count()).toBe(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await axeViolations(page), "the checklist with a file too large").toEqual([]);

    const each = Math.ceil(MAX_POST_FILES_BYTES / 2) + 50_000;
    await page.setInputFiles(LEGITIMACY, pdfFile("registration.pdf", each));
    await page.setInputFiles(INSURANCE, pdfFile("insurance-policy.pdf", each));
    await page.getByRole("button", { name: "Save and come back later" }).click();
    await expect.poll(() => page.locator("#save-without").count()).toBe(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await axeViolations(page), "the checklist with files over the POST's limit").toEqual([]);
    await page.screenshot({ path: "test-results/upload-guard-phone.png", fullPage: true });
    await context.close();
  });
});
