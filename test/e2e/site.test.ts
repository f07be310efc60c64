/**
 * What the site answers besides its journeys, through the local runtime and the routes the stack deploys:
 * unknown paths, HEAD requests and the icon.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAVICON_SVG } from "#shared/web/favicon.ts";
import { SECURITY_HEADERS } from "#shared/web/layout.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { Journey } from "./harness.ts";

let journey: Journey;
beforeAll(async () => {
  journey = await Journey.start();
});
afterAll(async () => {
  await journey?.stop();
});

function expectSecurityHeaders(response: Response, except: string[] = []): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!except.includes(name)) expect(response.headers.get(name), name).toBe(value);
  }
}

describe("unknown paths", () => {
  it.each(["/nowhere", "/decisions", "/status/abc/extra", "/apiary"])(
    "answers GET %s with a 404 page a person can leave by a link home",
    async (path) => {
      const response = await journey.fetch(path);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expectSecurityHeaders(response);
      const page = await response.text();
      expect(page).toContain('<html lang="en">');
      expect(page).toContain("<title>Page not found · Partnerflow</title>");
      expect(page).toMatch(/<main>[\s\S]*<h1>Page not found<\/h1>[\s\S]*<\/main>/);
      expect(page).toContain('<a href="/">Go to the partnership intake form</a>');
    },
  );

  it.each([
    ["GET", "/api/nowhere"],
    ["GET", "/api"],
    ["POST", "/api/partnerships/extra"],
    ["DELETE", "/api/partnerships"],
  ])("answers %s %s under /api/ with JSON", async (method, path) => {
    const response = await journey.fetch(path, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/json");
    expectSecurityHeaders(response);
    expect(await response.json()).toEqual({ message: "Not Found" });
  });

  it("answers a method no route takes on a page's path with the 404 page", async () => {
    const response = await journey.fetch("/status/abc", { method: "DELETE" });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("<h1>Page not found</h1>");
  });
});

describe("HEAD", () => {
  it.each(["/", "/api/schema/intake", "/favicon.ico", "/nowhere"])(
    "answers HEAD %s as GET, without the body",
    async (path) => {
      const [get, head] = [await journey.fetch(path), await journey.fetch(path, { method: "HEAD" })];
      expect(head.status).toBe(get.status);
      expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
      expect(head.headers.get("content-security-policy")).toBe(SECURITY_HEADERS["content-security-policy"]);
      expect(await head.text()).toBe("");
      expect((await get.text()).length).toBeGreaterThan(0);
    },
  );

  it("answers HEAD on a link's page as GET: 200 for a working link, 404 for an unknown one", async () => {
    const submitted = await journey.submitJson(makeIntake({ organisation: { name: "Head Request Co" } }));
    const { statusUrl } = (await submitted.json()) as { statusUrl: string };
    const path = new URL(statusUrl).pathname;
    const head = await journey.fetch(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await head.text()).toBe("");
    expect((await journey.fetch(`/status/${"A".repeat(43)}`, { method: "HEAD" })).status).toBe(404);
  });
});

describe("the icon", () => {
  it("serves /favicon.ico as an SVG with the security headers and a long cache", async () => {
    const response = await journey.fetch("/favicon.ico");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(response.headers.get("cache-control")).toBe("public, max-age=604800");
    expectSecurityHeaders(response, ["cache-control"]);
    expect(await response.text()).toBe(FAVICON_SVG);
  });

  it("is linked from the pages", async () => {
    const form = await (await journey.fetch("/")).text();
    expect(form).toContain('<link rel="icon" href="/favicon.ico" type="image/svg+xml">');
  });
});
