import { createHash } from "node:crypto";
import { request } from "node:http";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_POST_FILES_BYTES } from "#shared/domain/document-limits.ts";
import { httpHandler } from "#shared/http/http-handler.ts";
import { splitMultipart } from "#shared/http/multipart.ts";
import { multipartParser } from "#shared/http/multipart-parser.ts";
import { MAX_BODY_BYTES, MAX_EVENT_BYTES, startHttpServer } from "../../infra/local/http-server.ts";
import type { RunningServer } from "../../infra/local/servers.ts";
import type { LocalRoute } from "../../infra/local/template.ts";

const routes: LocalRoute[] = [
  { method: "POST", path: "/decisions/{token}", routeKey: "POST /decisions/{token}", functionName: "echo" },
  { method: "GET", path: "/decisions/{token}", routeKey: "GET /decisions/{token}", functionName: "echo" },
  { method: "GET", path: "/decisions/special", routeKey: "GET /decisions/special", functionName: "special" },
  { method: "GET", path: "/files/{path+}", routeKey: "GET /files/{path+}", functionName: "echo" },
  { method: "GET", path: "/plain", routeKey: "GET /plain", functionName: "plain" },
  { method: "GET", path: "/crash", routeKey: "GET /crash", functionName: "crash" },
  { method: "GET", path: "/binary", routeKey: "GET /binary", functionName: "binary" },
  { method: "POST", path: "/upload", routeKey: "POST /upload", functionName: "upload" },
];

/** A handler on the app's own stack that takes a form with files: it answers what it received. */
const upload = httpHandler(
  async (event) => {
    const { fields, files } = splitMultipart(event.body);
    const received = Object.fromEntries(
      Object.entries(files).map(([name, list]) => [
        name,
        list.map((f) => ({ name: f.name, sha256: createHash("sha256").update(f.bytes).digest("hex") })),
      ]),
    );
    return {
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fields, received }),
    };
  },
  { body: "multipart", respond: "json", multipartParser },
);

const calls: { name: string; event: APIGatewayProxyEventV2 }[] = [];
const errors: string[] = [];

async function invoke(name: string, event: unknown): Promise<unknown> {
  calls.push({ name, event: event as APIGatewayProxyEventV2 });
  switch (name) {
    case "echo":
      return {
        statusCode: 201,
        headers: { "Content-Type": "application/json", "x-extra": 7 },
        cookies: ["a=1; Path=/", "b=2"],
        body: JSON.stringify(event),
      };
    case "special":
      return { statusCode: 200, body: "special" };
    case "plain":
      return "just a string";
    case "binary":
      return { statusCode: 200, isBase64Encoded: true, body: Buffer.from([0, 1, 2, 255]).toString("base64") };
    case "upload":
      return upload(event as Parameters<typeof upload>[0], {} as Parameters<typeof upload>[1]);
    default:
      throw Object.assign(new Error("boom with secret-token-123"), { name: "KaboomError" });
  }
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  calls.length = 0;
  errors.length = 0;
});

async function start(options: Partial<Parameters<typeof startHttpServer>[0]> = {}) {
  server = await startHttpServer({
    routes,
    invoke,
    log: (level, message, fields) => {
      if (level === "error") errors.push(JSON.stringify({ message, ...fields }));
    },
    ...options,
  });
  return server.url;
}

describe("local HTTP API (API Gateway HTTP API, payload 2.0)", () => {
  it("turns a request into a v2.0 event for the route's handler and writes its result back", async () => {
    const url = await start();
    const res = await fetch(`${url}/decisions/abc%2Fdef?x=1&x=2&y=%C3%A9`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: "session=s1; theme=dark",
        "X-Custom": "v1",
        "User-Agent": "vitest-agent",
      },
      body: "noConflict=yes&outcome=approve&comment=ok",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-extra")).toBe("7");
    expect(res.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2"]);
    const event = (await res.json()) as APIGatewayProxyEventV2;
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "POST /decisions/{token}",
      rawPath: "/decisions/abc%2Fdef",
      rawQueryString: "x=1&x=2&y=%C3%A9",
      cookies: ["session=s1", "theme=dark"],
      queryStringParameters: { x: "1,2", y: "é" },
      pathParameters: { token: "abc/def" },
      body: "noConflict=yes&outcome=approve&comment=ok",
      isBase64Encoded: false,
      requestContext: {
        accountId: "000000000000",
        routeKey: "POST /decisions/{token}",
        stage: "$default",
        http: {
          method: "POST",
          path: "/decisions/abc%2Fdef",
          protocol: "HTTP/1.1",
          userAgent: "vitest-agent",
        },
      },
    });
    expect(event.headers["x-custom"]).toBe("v1");
    expect(event.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.domainName).toBe(new URL(url).host);
    expect(event.requestContext.http.sourceIp).toBe("127.0.0.1");
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5000);
    expect(calls.map((c) => c.name)).toEqual(["echo"]);
  });

  it("joins repeated headers with commas, and base64-encodes a binary body", async () => {
    const url = new URL(await start());
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: "/decisions/t1",
          method: "POST",
          // Raw header list (so both lines go out); Node then adds neither Host nor Content-Length.
          headers: [
            ["host", url.host],
            ["content-length", "3"],
            ["X-Multi", "one"],
            ["x-multi", "two"],
            ["content-type", "application/octet-stream"],
          ].flat(),
        },
        (res) => res.resume().on("end", resolve),
      );
      req.on("error", reject);
      req.end(Buffer.from([0, 159, 255]));
    });
    const event = calls[0]?.event;
    expect(event?.headers["x-multi"]).toBe("one,two");
    expect(event?.isBase64Encoded).toBe(true);
    expect(Buffer.from(event?.body ?? "", "base64")).toEqual(Buffer.from([0, 159, 255]));
    expect(event?.queryStringParameters).toBeUndefined();
  });

  it("passes a text body that is not UTF-8 as base64, not decoded into U+FFFD", async () => {
    const url = await start();
    const bytes = Buffer.concat([Buffer.from("name=Ze"), Buffer.from([0xff]), Buffer.from("ta")]);
    await fetch(`${url}/decisions/t1`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: bytes,
    });
    await fetch(`${url}/decisions/t2`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "name=Zoë",
    });
    const [invalid, valid] = calls.map((c) => c.event);
    expect(invalid?.isBase64Encoded).toBe(true);
    expect(Buffer.from(invalid?.body ?? "", "base64")).toEqual(bytes);
    expect(valid).toMatchObject({ isBase64Encoded: false, body: "name=Zoë" });
  });

  it("sends the given headers with its own answers: 404, 413, 500, 503 and the health check", async () => {
    const headers = { "x-frame-options": "DENY", "cache-control": "no-store" };
    let ready = false;
    const url = await start({ headers, ready: () => ready });
    const answers = [await fetch(`${url}/decisions/x`)];
    ready = true;
    answers.push(
      await fetch(`${url}/healthz`),
      await fetch(`${url}/nowhere`),
      await fetch(`${url}/decisions/t`, { method: "POST", body: "x".repeat(MAX_BODY_BYTES + 1) }),
      await fetch(`${url}/crash`),
    );
    expect(answers.map((a) => a.status)).toEqual([503, 200, 404, 413, 500]);
    for (const answer of answers) {
      expect(answer.headers.get("x-frame-options"), String(answer.status)).toBe("DENY");
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.headers.get("content-type")).toBe("application/json");
    }
  });

  it("prefers a literal route over a parameter, and supports greedy {path+}", async () => {
    const url = await start();
    expect(await (await fetch(`${url}/decisions/special`)).text()).toBe("special");
    const res = await fetch(`${url}/files/a/b/c.txt`);
    expect(((await res.json()) as APIGatewayProxyEventV2).pathParameters).toEqual({ path: "a/b/c.txt" });
  });

  it("a string result is a 200 JSON response; isBase64Encoded results are decoded", async () => {
    const url = await start();
    const plain = await fetch(`${url}/plain`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toBe("application/json");
    expect(await plain.text()).toBe("just a string");
    const binary = await fetch(`${url}/binary`);
    expect(new Uint8Array(await binary.arrayBuffer())).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  it("404 for no route (wrong method too), without calling a handler; /healthz is 200", async () => {
    const url = await start();
    for (const [method, path] of [
      ["GET", "/nowhere"],
      ["DELETE", "/decisions/x"],
      ["GET", "/decisions/x/extra"],
    ] as const) {
      const res = await fetch(`${url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toEqual({ message: "Not Found" });
    }
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(calls).toHaveLength(0);
  });

  it("413 for a body over 6 MiB, or an event over Lambda's 6 MiB, without calling a handler", async () => {
    const url = await start();
    const res = await fetch(`${url}/decisions/t`, { method: "POST", body: "x".repeat(MAX_BODY_BYTES + 1) });
    expect(res.status).toBe(413);
    // 5 MiB of bytes go base64, 6.7 MiB: more than Lambda takes.
    const binary = await fetch(`${url}/decisions/t`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: new Uint8Array(5 * 1024 * 1024),
    });
    expect(binary.status).toBe(413);
    expect(calls).toHaveLength(0);
    const ok = await fetch(`${url}/decisions/t`, {
      method: "POST",
      body: "x".repeat(MAX_EVENT_BYTES - 4096),
    });
    expect(ok.status).toBe(201);
  });

  it("passes a multipart form base64-encoded, as API Gateway does, to the app's multipart stack", async () => {
    const url = await start();
    const file = new Uint8Array(4 * 1024 * 1024).map((_, i) => (i * 7) % 256); // 4 MiB of every byte value
    const form = new FormData();
    form.append("issuer", "Assurances Côte-Nord");
    form.append("evidence", new Blob([file], { type: "application/pdf" }), "Police d’assurance.pdf");
    form.append("empty", new Blob([]), "");
    const res = await fetch(`${url}/upload`, { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect(calls[0]?.event.isBase64Encoded).toBe(true);
    expect(await res.json()).toEqual({
      fields: { issuer: "Assurances Côte-Nord" },
      received: {
        evidence: [
          { name: "Police d’assurance.pdf", sha256: createHash("sha256").update(file).digest("hex") },
        ],
      },
    });
  });

  it("agrees with the pages' limit: files of MAX_POST_FILES_BYTES in all reach the handler, more than an event holds get 413", async () => {
    const url = await start();
    /** A form as the checklist sends it: its text fields filled to their longest (in two-byte letters), and files. */
    const form = (fileBytes: number) => {
      const body = new FormData();
      for (let i = 0; i < 100; i++) body.append(`item-${i}.issuer`, "é".repeat(200));
      for (const name of ["a", "b"])
        body.append(`${name}.document`, new Blob([new Uint8Array(fileBytes / 2)]), `${name}-scan.pdf`);
      return body;
    };
    // A browser's headers, generously.
    const headers = {
      "user-agent": "Mozilla/5.0 ".repeat(100),
      "accept-language": "en-CA,en;q=0.9,fr;q=0.8",
    };
    const fits = await fetch(`${url}/upload`, { method: "POST", headers, body: form(MAX_POST_FILES_BYTES) });
    expect(fits.status).toBe(200);
    expect(Object.keys(((await fits.json()) as { received: object }).received)).toEqual([
      "a.document",
      "b.document",
    ]);
    // Files whose base64 alone is more than Lambda's event: the gateway's 413, and no handler called.
    calls.length = 0;
    const over = await fetch(`${url}/upload`, {
      method: "POST",
      headers,
      body: form((MAX_EVENT_BYTES / 4) * 3 + 2),
    });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ message: "Request Entity Too Large" });
    expect(calls).toHaveLength(0);
  });

  it("a handler crash is a 500 and is logged without the request's body, headers or the error message", async () => {
    const url = await start();
    const res = await fetch(`${url}/crash?q=secret-query`, {
      headers: { authorization: "Bearer secret-header" },
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: "Internal Server Error" });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("KaboomError");
    expect(errors[0]).not.toMatch(/secret/);
  });
});
