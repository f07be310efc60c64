/** Upload inspection: the accepted types by content, the size limit, the name's extension, the safe name. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  inspectUpload,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_NAME_LENGTH,
  sanitiseDocumentName,
} from "#shared/domain/documents.ts";
import { tinyJpeg, tinyPdf, tinyPng, zipBytes } from "../fixtures/documents.ts";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** `bytes` followed by zeros up to `size` bytes: the type is still read from the start. */
function padded(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(bytes);
  return out;
}

describe("inspectUpload", () => {
  it.each([
    ["insurance.pdf", tinyPdf(), "application/pdf"],
    ["scan.PNG", tinyPng(), "image/png"],
    ["photo.jpg", tinyJpeg(), "image/jpeg"],
    ["photo.JPEG", tinyJpeg(), "image/jpeg"],
  ])("accepts %s as %s, recorded by its SHA-256", async (name, bytes, contentType) => {
    const result = await inspectUpload({ name, bytes });
    expect(result).toEqual({
      ok: true,
      document: { sha256: sha256(bytes), contentType, size: bytes.byteLength, name },
    });
  });

  it("takes a file of exactly 4 MiB, and refuses one byte more", async () => {
    const limit = await inspectUpload({ name: "big.pdf", bytes: padded(tinyPdf(), MAX_DOCUMENT_BYTES) });
    expect(limit.ok).toBe(true);
    const over = await inspectUpload({ name: "big.pdf", bytes: padded(tinyPdf(), MAX_DOCUMENT_BYTES + 1) });
    expect(over).toEqual({ ok: false, message: "The file is larger than 4 MB" });
  });

  it("refuses an empty file", async () => {
    expect(await inspectUpload({ name: "empty.pdf", bytes: new Uint8Array() })).toEqual({
      ok: false,
      message: "The file is empty",
    });
  });

  it.each([
    ["a ZIP archive named .pdf", "contract.pdf", zipBytes()],
    ["plain text named .pdf", "notes.pdf", new TextEncoder().encode("Just some text, not a PDF at all.")],
    ["an HTML page named .png", "logo.png", new TextEncoder().encode("<!doctype html><title>x</title>")],
  ])("refuses %s: recognised by content, not by name", async (_what, name, bytes) => {
    expect(await inspectUpload({ name, bytes })).toEqual({
      ok: false,
      message: "This file is not a PDF, PNG or JPEG",
    });
  });

  it.each([
    ["badge.pdf", tinyPng(), "The file is named .pdf but is a PNG image"],
    ["policy.png", tinyPdf(), "The file is named .png but is a PDF document"],
    ["portrait.png", tinyJpeg(), "The file is named .png but is a JPEG image"],
    ["certificate.docx", tinyPdf(), "The file is named .docx but is a PDF document"],
  ])("refuses %s whose content is something else", async (name, bytes, message) => {
    expect(await inspectUpload({ name, bytes })).toEqual({ ok: false, message });
  });

  it("gives a name without an extension the one its content has", async () => {
    const result = await inspectUpload({ name: "scan", bytes: tinyJpeg() });
    expect(result.ok && result.document.name).toBe("scan.jpg");
    const unnamed = await inspectUpload({ name: "\u202e", bytes: tinyPdf() });
    expect(unnamed.ok && unnamed.document.name).toBe("document.pdf");
  });

  it("records the sanitised name, and checks its extension after sanitising", async () => {
    // Right-to-left override: shown as "reportfdp.png"... the real extension is what is checked.
    const spoofed = await inspectUpload({ name: "report\u202egnp.pdf", bytes: tinyPdf() });
    expect(spoofed).toEqual({ ok: true, document: expect.objectContaining({ name: "reportgnp.pdf" }) });
    const withPath = await inspectUpload({ name: "C:\\Users\\ana\\Desktop\\policy.pdf", bytes: tinyPdf() });
    expect(withPath.ok && withPath.document.name).toBe("policy.pdf");
  });
});

describe("sanitiseDocumentName", () => {
  it("keeps only the last part of a path, either separator", () => {
    expect(sanitiseDocumentName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(sanitiseDocumentName("C:\\fakepath\\scan.png")).toBe("scan.png");
  });

  it("removes control and direction characters, and trims", () => {
    expect(sanitiseDocumentName(" in\u0000voi\u0007ce\n\u200f\u2066.pdf\u0085 ")).toBe("invoice.pdf");
  });

  it("keeps accented and other letters", () => {
    expect(sanitiseDocumentName("Attestation d’assurance – École.pdf")).toBe(
      "Attestation d’assurance – École.pdf",
    );
  });

  it("cuts a long name to 200 characters, keeping its extension and never half a character", () => {
    const long = `${"a".repeat(198)}😀😀.pdf`;
    const cut = sanitiseDocumentName(long);
    expect(cut.length).toBeLessThanOrEqual(MAX_DOCUMENT_NAME_LENGTH);
    expect(cut).toBe(`${"a".repeat(196)}.pdf`);
    const emoji = sanitiseDocumentName(`${"😀".repeat(150)}.png`);
    expect(emoji.endsWith(".png")).toBe(true);
    expect(emoji.length).toBeLessThanOrEqual(MAX_DOCUMENT_NAME_LENGTH);
    expect(emoji.isWellFormed()).toBe(true);
  });
});
