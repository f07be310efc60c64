/**
 * Forms with files through the shared HTTP stack (body "multipart"): what the handler gets, typed by
 * splitMultipart; what is refused before it runs (too large, not UTF-8, another site, not multipart).
 */
import { describe, expect, it } from "vitest";
import { inspectUpload, MAX_DOCUMENT_BYTES } from "#shared/domain/documents.ts";
import { type HttpEvent, type HttpHandlerOptions, httpHandler } from "#shared/http/http-handler.ts";
import { MAX_MULTIPART_BODY_BYTES, splitMultipart } from "#shared/http/multipart.ts";
import { multipartParser } from "#shared/http/multipart-parser.ts";
import { tinyPdf, tinyPng } from "../fixtures/documents.ts";
import { httpEvent, lambdaContext } from "../fixtures/http-event.ts";
import { MULTIPART_TYPE, multipartBody, type Part } from "../fixtures/multipart.ts";

const SITE = "https://partners.example.org";

function stack(options: HttpHandlerOptions = { body: "multipart", respond: "html", multipartParser }) {
  const seen: HttpEvent[] = [];
  const handler = httpHandler(async (event) => {
    seen.push(event);
    return { statusCode: 200, headers: { "content-type": "text/plain" }, body: "ok" };
  }, options);
  return { seen, call: (event: HttpEvent) => handler(event, lambdaContext) };
}

/** As API Gateway sends a multipart body: base64. */
function upload(parts: readonly Part[], headers: Record<string, string> = { origin: SITE }): HttpEvent {
  return {
    ...httpEvent("POST /vetting/{token}", {
      body: multipartBody(parts).toString("base64"),
      headers: { "content-type": MULTIPART_TYPE, ...headers },
    }),
    isBase64Encoded: true,
  };
}

/** `bytes` followed by zeros up to `size`. */
function padded(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(bytes);
  return out;
}

describe("a multipart form through httpHandler", () => {
  it("gives the handler the text fields and the files, their bytes exact", async () => {
    const { seen, call } = stack();
    const response = await call(
      upload([
        { name: "issuer", value: "Assurances Côte-Nord" },
        { name: "evidence", filename: "Police d’assurance.png", contentType: "image/png", bytes: tinyPng() },
      ]),
    );
    expect(response.statusCode).toBe(200);
    const { fields, files } = splitMultipart(seen[0]?.body);
    expect(fields).toEqual({ issuer: "Assurances Côte-Nord" });
    expect(files).toEqual({ evidence: [{ name: "Police d’assurance.png", bytes: tinyPng() }] });
    expect(files.evidence?.[0]?.bytes).toBeInstanceOf(Uint8Array);
  });

  it("keeps repeated files in the order sent, lists `name[]` fields, and drops an empty file input", async () => {
    const { seen, call } = stack();
    await call(
      upload([
        { name: "items[]", value: "insurance" },
        { name: "items[]", value: "references" },
        { name: "evidence", filename: "first.pdf", contentType: "application/pdf", bytes: tinyPdf() },
        { name: "evidence", filename: "second.png", contentType: "image/png", bytes: tinyPng() },
        { name: "extra", filename: "", bytes: new Uint8Array() },
      ]),
    );
    const { fields, files } = splitMultipart(seen[0]?.body);
    expect(fields).toEqual({ items: ["insurance", "references"] });
    expect(files).toEqual({
      evidence: [
        { name: "first.pdf", bytes: tinyPdf() },
        { name: "second.png", bytes: tinyPng() },
      ],
    });
  });

  it("passes on a file one byte over 4 MiB, whole, for inspectUpload to refuse in words", async () => {
    const { seen, call } = stack();
    const response = await call(
      upload([{ name: "evidence", filename: "big.pdf", bytes: padded(tinyPdf(), MAX_DOCUMENT_BYTES + 1) }]),
    );
    expect(response.statusCode).toBe(200);
    const file = splitMultipart(seen[0]?.body).files.evidence?.[0];
    expect(file?.bytes.byteLength).toBe(MAX_DOCUMENT_BYTES + 1);
    expect(file && (await inspectUpload(file))).toEqual({
      ok: false,
      message: "The file is larger than 4 MB",
    });
  });

  it("answers 413 with a page saying the file is over 4 MB when a file part is larger still, not truncated", async () => {
    const { seen, call } = stack();
    const response = await call(
      upload([{ name: "evidence", filename: "big.pdf", bytes: padded(tinyPdf(), MAX_DOCUMENT_BYTES + 2) }]),
    );
    expect(response.statusCode).toBe(413);
    expect(response.headers?.["content-type"]).toMatch(/text\/html/);
    expect(String(response.body)).toContain("The file is larger than 4 MB");
    expect(seen).toHaveLength(0);
  });

  it("answers 413 with a clear page when the whole request is over ~5.5 MB, before parsing", async () => {
    const { seen, call } = stack();
    const response = await call(
      upload([
        { name: "a", filename: "a.pdf", bytes: padded(tinyPdf(), 3_000_000) },
        { name: "b", filename: "b.pdf", bytes: padded(tinyPdf(), MAX_MULTIPART_BODY_BYTES - 3_000_000) },
      ]),
    );
    expect(response.statusCode).toBe(413);
    expect(String(response.body)).toContain("What you sent is too large. Each document can be at most 4 MB");
    expect(seen).toHaveLength(0);
  });

  it("answers JSON on an API route", async () => {
    const response = await stack({ body: "multipart", respond: "json", multipartParser }).call(
      upload([{ name: "evidence", filename: "big.pdf", bytes: padded(tinyPdf(), MAX_DOCUMENT_BYTES + 2) }]),
    );
    expect(response.statusCode).toBe(413);
    expect(JSON.parse(String(response.body))).toMatchObject({ message: expect.stringContaining("4 MB") });
  });

  it("refuses a text field that is not UTF-8 with a 400, the file's own bytes being no text", async () => {
    const { seen, call } = stack();
    const response = await call(
      upload([
        { name: "issuer", value: new Uint8Array([0x41, 0xe9, 0x42]) }, // "AéB" in Latin-1
        { name: "evidence", filename: "scan.png", bytes: tinyPng() },
      ]),
    );
    expect(response.statusCode).toBe(400);
    expect(String(response.body)).toContain("The request body is not valid UTF-8 text");
    expect(seen).toHaveLength(0);
  });

  it("refuses a form posted from another site (403)", async () => {
    const { seen, call } = stack();
    const response = await call(
      upload([{ name: "issuer", value: "x" }], { origin: "https://attacker.example.com" }),
    );
    expect(response.statusCode).toBe(403);
    expect(seen).toHaveLength(0);
  });

  it("takes a urlencoded form too (a page without a file input), as a form handler would", async () => {
    const { seen, call } = stack();
    const urlencoded = httpEvent("POST /vetting/{token}", {
      body: "issuer=Z%C3%A9ta&items=a&items=b",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: SITE },
    });
    expect((await call(urlencoded)).statusCode).toBe(200);
    expect(splitMultipart(seen[0]?.body)).toEqual({
      fields: { issuer: "Zéta", items: ["a", "b"] },
      files: {},
    });
    const notUtf8 = httpEvent("POST /vetting/{token}", {
      body: "issuer=%FF",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: SITE },
    });
    expect((await call(notUtf8)).statusCode).toBe(400);
    const elsewhere = httpEvent("POST /vetting/{token}", {
      body: "issuer=x",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://attacker.example.com",
      },
    });
    expect((await call(elsewhere)).statusCode).toBe(403);
    expect(seen).toHaveLength(1);
  });

  it("refuses a body that is neither form (415), and a malformed multipart one (400)", async () => {
    const { call } = stack();
    const plain = httpEvent("POST /vetting/{token}", {
      body: "issuer=x",
      headers: { "content-type": "text/plain", origin: SITE },
    });
    expect((await call(plain)).statusCode).toBe(415);
    const cut = upload([{ name: "evidence", filename: "a.pdf", bytes: tinyPdf() }]);
    cut.body = Buffer.from('--nope\r\nContent-Disposition: form-data; name="x"\r\n\r\n').toString("base64");
    const malformed = await call(cut);
    expect(malformed.statusCode).toBe(400);
    expect(String(malformed.body)).toContain("The form&#39;s data could not be read");
  });
});

describe("splitMultipart", () => {
  it("gives nothing for a body that is not a parsed form", () => {
    expect(splitMultipart(undefined)).toEqual({ fields: {}, files: {} });
    expect(splitMultipart("text")).toEqual({ fields: {}, files: {} });
  });
});
