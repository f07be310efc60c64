/**
 * The shared middy stack of every HTTP handler, on a handler of its own: what reaches the handler, what is
 * refused before it runs, and how each error is answered. PUBLIC_BASE_URL is https://partners.example.org
 * (vitest.config.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  LinkExpiredError,
  LinkNotFoundError,
  LinkReplacedError,
  LinkUsedError,
  PartnershipNotFoundError,
} from "#shared/domain/errors.ts";
import { mintToken } from "#shared/domain/link-tokens.ts";
import { MAX_BODY_BYTES } from "#shared/http/body-guards.ts";
import { type HttpEvent, type HttpHandlerOptions, httpHandler } from "#shared/http/http-handler.ts";
import { configureLog } from "#shared/http/log.ts";
import { BadRequestError, ConflictError, ForbiddenError } from "#shared/http/problems.ts";
import { isSameOrigin } from "#shared/http/same-origin.ts";
import { DecisionWindowClosedError } from "#shared/ports/workflow.ts";
import { escapeHtml } from "#shared/web/html.ts";
import { SECURITY_HEADERS } from "#shared/web/layout.ts";
import { httpEvent, lambdaContext } from "../fixtures/http-event.ts";

const SITE = "https://partners.example.org";
const JSON_TYPE = { "content-type": "application/json" };
const FORM_TYPE = { "content-type": "application/x-www-form-urlencoded" };

/** A handler on the stack that keeps what it was given and answers 200, or throws `fails` when given one. */
function stack(options: HttpHandlerOptions, fails?: unknown) {
  const seen: HttpEvent[] = [];
  const handler = httpHandler(async (event) => {
    seen.push(event);
    if (fails !== undefined) throw fails;
    return { statusCode: 200, headers: { "content-type": "text/plain" }, body: "ok" };
  }, options);
  return { seen, call: (event: HttpEvent) => handler(event, lambdaContext) };
}

const post = (body: string, headers: Record<string, string>, isBase64Encoded = false): HttpEvent => ({
  ...httpEvent("POST /things", { body, headers }),
  isBase64Encoded,
});
const formPost = (body: string, headers: Record<string, string> = { origin: SITE }) =>
  post(body, { ...FORM_TYPE, ...headers });
const base64 = (bytes: Buffer | string) => Buffer.from(bytes).toString("base64");

describe("httpHandler: the body", () => {
  it("refuses a body over 64 KiB with a 400 naming the body, before the handler runs", async () => {
    const { seen, call } = stack({ body: "json", respond: "json" });
    const big = JSON.stringify({ text: "x".repeat(MAX_BODY_BYTES) });
    const response = await call(post(big, JSON_TYPE));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(String(response.body))).toEqual({
      message: "The request body is larger than 64 KiB",
      errors: [{ field: "(body)", message: `At most ${MAX_BODY_BYTES} bytes` }],
    });
    expect(seen).toHaveLength(0);
  });

  it("counts a base64 body by the bytes it decodes to", async () => {
    const { call } = stack({ body: "json", respond: "json" });
    const fits = `"${"x".repeat(MAX_BODY_BYTES - 2)}"`;
    expect((await call(post(base64(fits), JSON_TYPE, true))).statusCode).toBe(200);
    const over = `"${"x".repeat(MAX_BODY_BYTES + 10)}"`;
    expect((await call(post(base64(over), JSON_TYPE, true))).statusCode).toBe(400);
  });

  it("hands the JSON API handler the parsed body, from text or base64", async () => {
    const { seen, call } = stack({ body: "json", respond: "json" });
    await call(post('{"name":"Zeta Widgets","n":[1,2]}', JSON_TYPE));
    await call(post(base64('{"name":"Café Ünïcode"}'), JSON_TYPE, true));
    expect(seen.map((e) => e.body)).toEqual([{ name: "Zeta Widgets", n: [1, 2] }, { name: "Café Ünïcode" }]);
  });

  it("answers malformed JSON with 400 and another content type with 415", async () => {
    const { seen, call } = stack({ body: "json", respond: "json" });
    const malformed = await call(post('{"name":', JSON_TYPE));
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(String(malformed.body))).toMatchObject({
      message: "The request body is not valid JSON",
    });
    const wrongType = await call(post("name=x", FORM_TYPE));
    expect(wrongType.statusCode).toBe(415);
    expect(JSON.parse(String(wrongType.body))).toMatchObject({
      message: "Send the body as application/json",
    });
    expect(seen).toHaveLength(0);
  });

  it("hands the form handler its fields (a repeated one as a list, escapes decoded)", async () => {
    const { seen, call } = stack({ body: "form", respond: "html" });
    const response = await call(formPost("name=Caf%C3%A9+Nord&service=a&service=b"));
    expect(response.statusCode).toBe(200);
    expect({ ...(seen[0]?.body as object) }).toEqual({ name: "Café Nord", service: ["a", "b"] });
  });

  it("answers a form of another content type with a 415 page", async () => {
    const { call } = stack({ body: "form", respond: "html" });
    const response = await call(post('{"a":1}', { ...JSON_TYPE, origin: SITE }));
    expect(response.statusCode).toBe(415);
    expect(response.headers?.["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain("Send the form from its page");
  });
});

describe("httpHandler: bodies that are not UTF-8", () => {
  const bad = Buffer.concat([Buffer.from('{"name":"Ze'), Buffer.from([0xff, 0xfe]), Buffer.from('ta"}')]);

  it("refuses a base64 JSON body that is not UTF-8 with a 400, before the handler runs", async () => {
    const { seen, call } = stack({ body: "json", respond: "json" });
    const response = await call(post(base64(bad), JSON_TYPE, true));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(String(response.body))).toEqual({
      message: "The request body is not valid UTF-8 text",
      errors: [{ field: "(body)", message: "Send the body as UTF-8 text" }],
    });
    expect(seen).toHaveLength(0);
  });

  it("refuses a text body holding U+FFFD, the mark of bytes decoded on the way as if they were UTF-8", async () => {
    const { seen, call } = stack({ body: "json", respond: "json" });
    const response = await call(post(bad.toString("utf8"), JSON_TYPE));
    expect(response.statusCode).toBe(400);
    expect(seen).toHaveLength(0);
    // The escape of the same character is valid JSON text: it is let through.
    expect((await call(post('{"name":"\\ufffd"}', JSON_TYPE))).statusCode).toBe(200);
  });

  it("refuses a form whose bytes, or whose percent escapes, are not UTF-8, with a 400 page", async () => {
    const { seen, call } = stack({ body: "form", respond: "html" });
    const rawBytes = Buffer.concat([Buffer.from("name=Ze"), Buffer.from([0xe9]), Buffer.from("ta")]);
    for (const event of [
      formPost("name=Ze%FFta"),
      formPost("name=Ze%C3ta"),
      { ...formPost(base64(rawBytes)), isBase64Encoded: true },
    ]) {
      const response = await call(event);
      expect(response.statusCode).toBe(400);
      expect(response.headers?.["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.body).toContain("not valid UTF-8");
      // A person is told in words; no raw field name such as "(body)" is shown to them.
      expect(response.body).not.toContain("(body)");
      // Under the office's name from the configuration.
      expect(response.body).toContain("Partnerflow</a> · Test Partnerships Office</header>");
    }
    expect(seen).toHaveLength(0);
  });

  it("takes a base64 form that is UTF-8, and a stray % that escapes nothing, as before", async () => {
    const { seen, call } = stack({ body: "form", respond: "html" });
    expect((await call({ ...formPost(base64("name=Zoë")), isBase64Encoded: true })).statusCode).toBe(200);
    expect((await call(formPost("rate=100%"))).statusCode).toBe(200);
    expect(seen.map((e) => ({ ...(e.body as object) }))).toEqual([{ name: "Zoë" }, { rate: "100%" }]);
  });
});

describe("httpHandler: where a form was posted from", () => {
  it("compares scheme, host and port with the public base URL", () => {
    expect(isSameOrigin("https://partners.example.org", SITE)).toBe(true);
    expect(isSameOrigin("https://partners.example.org:443", SITE)).toBe(true);
    expect(isSameOrigin("http://partners.example.org", SITE)).toBe(false);
    expect(isSameOrigin("https://partners.example.org:8443", SITE)).toBe(false);
    expect(isSameOrigin("https://partners.example.org.evil.example", SITE)).toBe(false);
    expect(isSameOrigin("http://127.0.0.1:3000", "http://127.0.0.1:3000")).toBe(true);
    expect(isSameOrigin("https://127.0.0.1:3000", "http://127.0.0.1:3000")).toBe(false);
    expect(isSameOrigin("http://127.0.0.1:3001", "http://127.0.0.1:3000")).toBe(false);
    expect(isSameOrigin("null", SITE)).toBe(false);
  });

  it.each([
    ["the site's Origin", { origin: SITE }],
    ["the site's Origin with its default port", { origin: `${SITE}:443` }],
    ["no Origin, and a Referer on the site", { referer: `${SITE}/decisions/abc?x=1` }],
    ["neither Origin nor Referer (not a browser)", {}],
  ])("accepts a form post with %s", async (_, headers: Record<string, string>) => {
    const { seen, call } = stack({ body: "form", respond: "html" });
    expect((await call(formPost("a=1", headers))).statusCode).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it.each([
    ["another scheme", { origin: "http://partners.example.org" }],
    ["another port", { origin: "https://partners.example.org:8443" }],
    ["another host", { origin: "https://evil.example.com" }],
    ["an opaque origin", { origin: "null" }],
    ["a Referer of another scheme and no Origin", { referer: "http://partners.example.org/decisions/abc" }],
    ["a good Referer beside a foreign Origin", { origin: "https://evil.example.com", referer: `${SITE}/` }],
    // DNS rebinding: the request's own Host says the attacker's name too; only the base URL counts.
    [
      "a foreign Origin that matches the request's Host",
      { origin: "https://evil.example.com", host: "evil.example.com" },
    ],
  ])(
    "refuses a form post with %s: a 403 page, before the handler runs",
    async (_, headers: Record<string, string>) => {
      const { seen, call } = stack({ body: "form", respond: "html" });
      const response = await call(formPost("a=1", headers));
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain("This form was posted from another site");
      expect(seen).toHaveLength(0);
    },
  );

  it("does not check the origin of a JSON API call", async () => {
    const { call } = stack({ body: "json", respond: "json" });
    expect((await call(post("{}", { ...JSON_TYPE, origin: "https://evil.example.com" }))).statusCode).toBe(
      200,
    );
  });
});

/** A 500 writes an error line: kept out of the test output, and read where a test asks. */
const lines: string[] = [];
beforeEach(() => {
  const keep = (line: unknown) => void lines.push(String(line));
  vi.spyOn(console, "error").mockImplementation(keep);
  vi.spyOn(console, "log").mockImplementation(keep);
});
afterEach(() => {
  vi.restoreAllMocks();
  lines.length = 0;
});

describe("httpHandler: errors", () => {
  const linkExpired =
    "This link has expired, or the onboarding it belongs to has ended. If you still need to act on it, contact the partnerships office.";
  it.each([
    [
      new BadRequestError("Fix it", [{ field: "name", message: "Required" }]),
      400,
      "Something is wrong with the request",
      "Fix it",
    ],
    [new ForbiddenError("Not from here"), 403, "Not allowed", "Not from here"],
    [new ConflictError("Sent before"), 409, "Already used", "Sent before"],
    [new ConflictError("It has ended", "Already ended"), 409, "Already ended", "It has ended"],
    [
      new LinkNotFoundError("no link abc"),
      404,
      "Link not found",
      "This link is not valid. Check that you copied the whole link from the email.",
    ],
    [
      new LinkReplacedError("old"),
      410,
      "Link replaced",
      "This link was replaced by a newer one. Please use the link in the most recent email we sent you.",
    ],
    [
      new LinkReplacedError("old", { fromInbox: true }),
      410,
      "Link replaced",
      "This decision was opened from the staff inbox; decide it there.",
    ],
    [
      new LinkUsedError("used"),
      410,
      "Link already used",
      "This link has already been used; each link works once.",
    ],
    [new LinkExpiredError("expired"), 410, "Link expired", linkExpired],
    [new DecisionWindowClosedError(), 410, "Link expired", linkExpired],
    [
      new PartnershipNotFoundError("P1"),
      500,
      "Something went wrong",
      "Something went wrong on our side. Please try again in a moment; if it keeps happening, contact the office.",
    ],
    [
      new Error("boom"),
      500,
      "Something went wrong",
      "Something went wrong on our side. Please try again in a moment; if it keeps happening, contact the office.",
    ],
  ] as const)("answers %s with %i: an HTML page, or JSON", async (error, status, title, message) => {
    const page = await stack({ body: "none", respond: "html" }, error).call(httpEvent("GET /things"));
    expect(page.statusCode).toBe(status);
    expect(page.headers?.["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain(`<title>${title} · Partnerflow</title>`);
    expect(page.body).toContain(`<h1>${title}</h1>`);
    expect(page.body).toContain(escapeHtml(message));

    const api = await stack({ body: "none", respond: "json" }, error).call(httpEvent("GET /things"));
    expect(api.statusCode).toBe(status);
    expect(api.headers?.["content-type"]).toBe("application/json");
    expect(JSON.parse(String(api.body))).toEqual({
      message,
      ...(error instanceof BadRequestError ? { errors: error.fields } : {}),
    });
  });

  it("leads the holder of a link replaced from the staff inbox there, and only that one", async () => {
    const inbox = '<p><a href="/console/inbox">Open the staff inbox</a></p>';
    const replaced = (fromInbox: boolean) =>
      stack({ body: "none", respond: "html" }, new LinkReplacedError("old", { fromInbox })).call(
        httpEvent("GET /decisions/abc"),
      );
    expect((await replaced(true)).body).toContain(inbox);
    expect((await replaced(true)).body).not.toContain("most recent email");
    expect((await replaced(false)).body).not.toContain(inbox);
  });

  it("lists a 400's failing fields on its page, and says what to do", async () => {
    const error = new BadRequestError("Fix it", [{ field: "organisation.name", message: "Required" }]);
    const page = await stack({ body: "none", respond: "html" }, error).call(httpEvent("GET /things"));
    expect(page.body).toContain("<li><strong>organisation.name</strong>: Required</li>");
    expect(page.body).toContain("Go back, correct it and send it again.");
  });

  describe("logging", () => {
    it("logs a 500 with the error's name, the route and the request id, without personal data or tokens", async () => {
      const { token } = mintToken();
      const error = Object.assign(new Error(`SES rejected priya.raman@harbourview.ca for link ${token}`), {
        name: "MessageRejected",
      });
      const response = await stack({ body: "none", respond: "json" }, error).call(
        httpEvent("GET /status/{token}", { path: `/status/${token}`, pathParameters: { token } }),
      );
      expect(response.statusCode).toBe(500);
      expect(String(response.body)).not.toContain("priya");
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
      expect(line).toMatchObject({
        level: "error",
        message: "request failed",
        error: "MessageRejected",
        reason: "SES rejected <email> for link <token>",
        route: "GET /status/{token}",
        requestId: lambdaContext.awsRequestId,
      });
      expect(lines[0]).not.toContain("priya");
      expect(lines[0]).not.toContain(token);
    });

    it("does not log the answers it expects (a 4xx)", async () => {
      configureLog({ quiet: false });
      try {
        await stack({ body: "none", respond: "html" }, new LinkUsedError("used")).call(httpEvent("GET /x"));
        await stack({ body: "form", respond: "html" }).call(
          formPost("a=1", { origin: "https://evil.example.com" }),
        );
      } finally {
        configureLog({ quiet: true });
      }
      expect(lines).toEqual([]);
    });
  });
});

describe("httpHandler: headers", () => {
  it("sends the security headers with a handler's answer, under the handler's own", async () => {
    const handler = httpHandler(
      async () => ({
        statusCode: 200,
        headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=604800" },
        body: "<svg/>",
      }),
      { body: "none", respond: "html" },
    );
    const response = await handler(httpEvent("GET /favicon.ico"), lambdaContext);
    expect(response.headers).toEqual({
      ...SECURITY_HEADERS,
      "content-type": "image/svg+xml",
      "cache-control": "public, max-age=604800",
    });
  });

  it.each([
    ["an HTML error page", "html"],
    ["a JSON error", "json"],
  ] as const)("sends the security headers with %s", async (_, respond) => {
    const response = await stack({ body: "none", respond }, new Error("boom")).call(httpEvent("GET /x"));
    expect(response.headers).toMatchObject(SECURITY_HEADERS);
  });

  it("sends the exact headers the pages have always had", () => {
    expect(Object.keys(SECURITY_HEADERS).sort()).toEqual([
      "cache-control",
      "content-security-policy",
      "cross-origin-opener-policy",
      "permissions-policy",
      "referrer-policy",
      "strict-transport-security",
      "x-content-type-options",
      "x-frame-options",
    ]);
    expect(SECURITY_HEADERS["content-security-policy"]).toMatch(
      /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*'; style-src 'sha256-[A-Za-z0-9+/]+=*'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/,
    );
    expect(SECURITY_HEADERS).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "same-origin",
      "cache-control": "no-store",
      "strict-transport-security": "max-age=31536000; includeSubDomains",
    });
  });
});
