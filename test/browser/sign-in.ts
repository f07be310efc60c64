/**
 * Signing a browser in through the real sign-in page (test/browser/): the other browser tests of staff pages
 * sign in with this, as a person would, and then hold the session cookie.
 */
import type { Page } from "playwright-core";

/**
 * Signs `page` in with a staff token (infra/local/staff.ts) through `baseUrl`/sign-in, and waits until the
 * sign-in has led on (to `next`, or the principal's home: the inbox for officers and the lead, the console for
 * auditors). Throws when the token is refused.
 */
export async function signIn(page: Page, baseUrl: string, token: string, next?: string): Promise<void> {
  const url = new URL("/sign-in", baseUrl);
  if (next) url.searchParams.set("next", next);
  await page.goto(url.toString());
  await page.getByLabel("Staff token").fill(token);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  if (new URL(page.url()).pathname === "/sign-in")
    throw new Error(`The sign-in page refused the token (${response?.status() ?? "no answer"})`);
}
