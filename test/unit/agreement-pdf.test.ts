import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { agreementPdf } from "#shared/documents/agreement-pdf.ts";
import { PDF_CREATOR, PDF_PRODUCER } from "#shared/documents/document-pdf.ts";
import { renderAgreement } from "#shared/domain/agreement.ts";
import { sha256Hex } from "#shared/domain/sha256.ts";
import { AGREEMENT_INPUT, TERMS } from "../fixtures/agreement.ts";
import { pdfStrings } from "../fixtures/pdf-text.ts";

const META = { issuedAt: AGREEMENT_INPUT.issuedAt, id: "Partnership p_7Qm2xK9vLr4T, agreement version 1" };
const pdfOf = (input = AGREEMENT_INPUT, meta = META) => agreementPdf(renderAgreement(input), meta);

describe("the agreement's PDF", () => {
  it("is the same bytes for the same agreement, so its SHA-256 names it", async () => {
    const [first, second] = [await pdfOf(), await pdfOf()];
    expect(first.length).toBeGreaterThan(1000);
    expect(sha256Hex(second)).toBe(sha256Hex(first));
  });

  it("is other bytes for other terms, another issue time or another id", async () => {
    const base = sha256Hex(await pdfOf());
    const others = [
      await pdfOf({ ...AGREEMENT_INPUT, terms: { ...TERMS, terminationNoticeDays: 60 } }),
      await pdfOf(AGREEMENT_INPUT, { ...META, issuedAt: "2026-12-11T03:30:01.000Z" }),
      await pdfOf(AGREEMENT_INPUT, { ...META, id: "Partnership p_7Qm2xK9vLr4T, agreement version 2" }),
    ].map(sha256Hex);
    expect(new Set([base, ...others]).size).toBe(4);
  });

  it("carries fixed metadata: title, producer, creator, and the issue time as its dates", async () => {
    const pdf = await PDFDocument.load(await pdfOf(), { updateMetadata: false });
    expect(pdf.getTitle()).toBe(renderAgreement(AGREEMENT_INPUT).title);
    expect(pdf.getProducer()).toBe(PDF_PRODUCER);
    expect(pdf.getCreator()).toBe(PDF_CREATOR);
    expect(pdf.getCreationDate()?.toISOString()).toBe(AGREEMENT_INPUT.issuedAt);
    expect(pdf.getModificationDate()?.toISOString()).toBe(AGREEMENT_INPUT.issuedAt);
  });

  it("writes every heading and a word-wrapped text, with page numbers, over as many pages as it needs", async () => {
    const bytes = await pdfOf();
    const pages = (await PDFDocument.load(bytes)).getPageCount();
    const strings = pdfStrings(bytes);
    for (const section of renderAgreement(AGREEMENT_INPUT).sections)
      expect(strings).toContain(section.heading);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) expect(strings).toContain(`Page ${page} of ${pages}`);
    expect(Math.max(...strings.map((s) => s.length))).toBeLessThan(120);
    expect(strings.join(" ")).toContain("begins on January 31, 2027");

    const long = "Each mentor meets their students every second week. ".repeat(60).trim();
    const longer = await pdfOf({
      ...AGREEMENT_INPUT,
      terms: { ...TERMS, expectedOutcomes: long, referralProtocol: long, communicationProtocol: long },
    });
    const morePages = (await PDFDocument.load(longer)).getPageCount();
    expect(morePages).toBeGreaterThan(pages);
    expect(pdfStrings(longer)).toContain(`Page ${morePages} of ${morePages}`);
  });

  it("does not fail on names its font cannot write: it shows ?, says so, and attaches the exact text", async () => {
    const input = {
      ...AGREEMENT_INPUT,
      partner: { ...AGREEMENT_INPUT.partner, organisationName: "王氏贸易 😀", signatoryName: "Łukasz Şahin" },
    };
    const bytes = await pdfOf(input);
    const first = await pdfOf(input);
    expect(sha256Hex(first)).toBe(sha256Hex(bytes));
    const text = pdfStrings(bytes).join(" ");
    expect(text).toContain("between Community Partnerships Office and ???? ?");
    expect(text).toContain("represented by Lukasz Sahin");
    expect(text).toContain("are shown as");
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getTitle()).toBe(
      "Partnership agreement between Community Partnerships Office and 王氏贸易 😀",
    );
    // The attached JSON is stored in a stream of its own: its text, in UTF-8, is in the file.
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).toContain("agreement.json");
    expect(pdfStrings(await pdfOf()).join(" ")).not.toContain("are shown as");
  });
});
