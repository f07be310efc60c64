/** Headless Chromium for the browser tests (Debian's package), and axe-core for their accessibility checks. */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
if (!CHROMIUM) {
  console.warn(
    "Browser tests skipped: no Chromium at /usr/bin/chromium (install Debian's chromium; .ci/run does).",
  );
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM as string,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * The serious and critical accessibility violations axe finds on the page, as "rule: target" lines. The page
 * must have been opened in a context with bypassCSP (the pages' CSP allows no script, axe's included).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.targets.join(", ")}`);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** How wide the page is laid out: wider than the viewport means a reader scrolls sideways. */
export async function pageWidth(page: Page): Promise<number> {
  // A string, run in the page: this project's TypeScript has no DOM types.
  return Number(await page.evaluate("document.documentElement.scrollWidth"));
}

/** Whether each element is wholly inside the viewport, by CSS selector. */
export async function inViewport(page: Page, selectors: readonly string[]): Promise<boolean[]> {
  return (await page.evaluate(`${JSON.stringify(selectors)}.map((selector) => {
    const box = document.querySelector(selector)?.getBoundingClientRect();
    return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
  })`)) as boolean[];
}

/** An element's outline as the browser draws it now: its style and width in px. */
export async function outlineOf(page: Page, selector: string): Promise<{ style: string; width: number }> {
  return (await page.evaluate(`(() => {
    const style = getComputedStyle(document.querySelector(${JSON.stringify(selector)}));
    return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  })()`)) as { style: string; width: number };
}

/**
 * The words the page's table cells break inside: a reader should see "Organisation", not "Organis ation".
 * Each cell's words are measured one by one; a word split across two lines has two boxes (a hyphen is a fair place to break).
 */
export async function wordsBrokenInCells(page: Page, shorterThan = 14): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const broken = [];
    for (const cell of document.querySelectorAll("td, th")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent;
        for (const match of text.matchAll(/[^\\s-]+/g)) {
          if (match[0].length >= ${shorterThan}) continue;
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  })()`)) as string[];
}

/**
 * The table cells of the page whose content spills out of them: a cell scrolled wider than it is, or an element
 * inside it (a badge, a link, a button) whose box lies outside the cell's, as "row: text" lines. What is not
 * rendered (a closed <details>'s content) is not measured.
 */
export async function overflowingCells(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll("td, th")].flatMap((cell) => {
    const box = cell.getBoundingClientRect();
    const out = (r) => r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5);
    const spilt = cell.scrollWidth > cell.clientWidth + 1 || [...cell.querySelectorAll("*")].some((el) => el.checkVisibility() && out(el.getBoundingClientRect()));
    return spilt && box.width > 0 ? [cell.closest("tr").rowIndex + ": " + cell.textContent.trim().slice(0, 40)] : [];
  })`)) as string[];
}
