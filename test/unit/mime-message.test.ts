import { describe, expect, it } from "vitest";
import { encodeSubject, type MimeInput, mimeMessage } from "#shared/adapters/mime-message.ts";

interface Part {
  headers: Record<string, string>;
  body: string;
}

/** A minimal MIME reader for the tests: headers (unfolded, names lower-cased) and the body, split at the blank line. */
function parsePart(text: string): Part {
  const at = text.indexOf("\r\n\r\n");
  const head = text.slice(0, at).replace(/\r\n[ \t]/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: text.slice(at + 4) };
}

function boundaryOf(part: Part): string {
  return /boundary="([^"]+)"/.exec(part.headers["content-type"] ?? "")?.[1] ?? "";
}

/** The parts of a multipart body, between its boundary's delimiters. */
function partsOf(part: Part): Part[] {
  const boundary = boundaryOf(part);
  const [, ...rest] = part.body.split(`--${boundary}`);
  const closing = rest.findIndex((p) => p.startsWith("--"));
  return rest.slice(0, closing).map((p) => parsePart(p.replace(/^\r\n/, "").replace(/\r\n$/, "")));
}

const decodeWords = (value: string) =>
  Buffer.concat(
    [...value.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/g)].map((m) => Buffer.from(m[1] ?? "", "base64")),
  ).toString("utf8");

const PDF = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256));

const INPUT: MimeInput = {
  from: "partnerships@example.org",
  to: ["dana@harbourview.example", "sam@example.org"],
  replyTo: ["office@example.org"],
  subject: "Your signed agreement — Harbourview",
  text: "Hello Dana,\nthe signed agreement is attached.",
  html: "<p>Hello Dana,</p><p>the signed agreement is attached.</p>",
  attachments: [
    { filename: "agreement-v1.pdf", contentType: "application/pdf", content: PDF },
    { filename: "certificat signé.pdf", contentType: "application/pdf", content: new Uint8Array([1, 2, 3]) },
  ],
};

describe("the MIME message for raw sending", () => {
  const raw = Buffer.from(mimeMessage(INPUT)).toString("utf8");
  const message = parsePart(raw);

  it("has the envelope's headers, and an encoded subject that reads back", () => {
    expect(message.headers.from).toBe("partnerships@example.org");
    expect(message.headers.to).toBe("dana@harbourview.example, sam@example.org");
    expect(message.headers["reply-to"]).toBe("office@example.org");
    expect(message.headers["mime-version"]).toBe("1.0");
    expect(decodeWords(message.headers.subject ?? "")).toBe(INPUT.subject);
    expect(message.headers["content-type"]).toMatch(/^multipart\/mixed; boundary=/);
  });

  it("ends every line in CRLF, and keeps every line within 76 characters", () => {
    expect(raw.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(raw.endsWith("\r\n")).toBe(true);
    for (const line of raw.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
  });

  it("holds the text and the HTML as alternatives, and each attachment, byte for byte", () => {
    const [alternative, agreement, certificate, ...more] = partsOf(message);
    expect(more).toEqual([]);
    expect(alternative?.headers["content-type"]).toMatch(/^multipart\/alternative/);
    const [text, html] = partsOf(alternative as Part);
    expect(text?.headers["content-type"]).toBe("text/plain; charset=UTF-8");
    expect(Buffer.from(text?.body ?? "", "base64").toString("utf8")).toBe(INPUT.text);
    expect(html?.headers["content-type"]).toBe("text/html; charset=UTF-8");
    expect(Buffer.from(html?.body ?? "", "base64").toString("utf8")).toBe(INPUT.html);

    expect(agreement?.headers["content-disposition"]).toBe('attachment; filename="agreement-v1.pdf"');
    expect(agreement?.headers["content-transfer-encoding"]).toBe("base64");
    expect(new Uint8Array(Buffer.from(agreement?.body ?? "", "base64"))).toEqual(PDF);
    expect(certificate?.headers["content-disposition"]).toBe(
      "attachment; filename*=UTF-8''certificat%20sign%C3%A9.pdf",
    );
    expect([...Buffer.from(certificate?.body ?? "", "base64")]).toEqual([1, 2, 3]);
  });

  it("is the same bytes for the same message", () => {
    expect(Buffer.from(mimeMessage(INPUT)).toString("utf8")).toBe(raw);
  });

  it("refuses a header value with a line break, and a content type that is not one", () => {
    expect(() => mimeMessage({ ...INPUT, subject: "Hi\r\nBcc: victim@example.org" })).toThrow(/line break/);
    expect(() => mimeMessage({ ...INPUT, to: ["a@example.org\nBcc: b@example.org"] })).toThrow(/line break/);
    expect(() =>
      mimeMessage({
        ...INPUT,
        attachments: [{ filename: "x.pdf", contentType: "application/pdf\r\nX: y", content: PDF }],
      }),
    ).toThrow();
  });
});

describe("an encoded subject", () => {
  it("leaves ASCII as it is, and splits a long one into words of whole characters", () => {
    expect(encodeSubject("Your agreement")).toBe("Your agreement");
    const subject = "王小明 😀 ".repeat(12);
    const encoded = encodeSubject(subject);
    expect(encoded.split("\r\n ").length).toBeGreaterThan(1);
    for (const word of encoded.split("\r\n ")) {
      expect(word.length).toBeLessThanOrEqual(75);
      // Each word decodes on its own: no character is split between two.
      expect(Buffer.from(word.slice(10, -2), "base64").toString("utf8")).not.toContain("\uFFFD");
    }
    expect(decodeWords(encoded)).toBe(subject);
  });
});
