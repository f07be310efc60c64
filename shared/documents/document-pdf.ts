/**
 * A document of headed sections (an agreement, a completion certificate) as a PDF, laid out by pdf-lib with the
 * standard Helvetica fonts: word-wrapped paragraphs, page breaks, "Page i of n" on every page. Deterministic:
 * the metadata is fixed (creation and modification dates are the document's issue time, producer and creator
 * are constants) and pdf-lib's own choices are seeded, so the same document gives the same bytes, and its
 * SHA-256 names it. The text is written in WinAnsi (win-ansi.ts); where a character had to be replaced, a note
 * says so, and the exact data is attached to the PDF as JSON (the title is in its metadata too).
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import type { AgreementDocument } from "../domain/agreement.ts";
import { toWinAnsi } from "./win-ansi.ts";
import { wrapLine } from "./word-wrap.ts";

/** Fixed, so that nothing about the run (a version, a date) enters the bytes. */
export const PDF_PRODUCER = "Partnerflow";
export const PDF_CREATOR = "Partnerflow document renderer";

/** US Letter, in points, with one-inch margins and the footer in the bottom margin. */
const PAGE = { width: 612, height: 792 } as const;
const MARGIN = 72;
const FOOTER_Y = 40;
const WIDTH = PAGE.width - 2 * MARGIN;

const STYLE = {
  title: { size: 16, leading: 21, after: 10 },
  heading: { size: 11.5, leading: 15, before: 10, after: 3 },
  body: { size: 10.5, leading: 14, after: 6 },
  footer: { size: 8.5 },
} as const;

const INK = rgb(0.1, 0.12, 0.14);
const MUTED = rgb(0.35, 0.38, 0.42);

export interface DocumentPdfOptions {
  /** ISO 8601: the PDF's creation and modification dates. */
  readonly issuedAt: string;
  /** What the footer names the document by, left of the page number. */
  readonly footer: string;
  readonly subject: string;
  /** The exact data, as a JSON file attached to the PDF: its name and text. */
  readonly attachment: { readonly name: string; readonly json: string };
}

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

/** Writes lines top-down, starting a new page when the next block does not fit. */
class Layout {
  private page: PDFPage;
  private y = PAGE.height - MARGIN;
  replaced = false;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.page = pdf.addPage([PAGE.width, PAGE.height]);
  }

  /** The wrapped lines of a text (its own line breaks kept), in WinAnsi. */
  lines(text: string, font: PDFFont, size: number): string[] {
    return text.split("\n").flatMap((line) => {
      const safe = toWinAnsi(line);
      if (safe.replaced) this.replaced = true;
      return wrapLine(safe.text, WIDTH, (t) => font.widthOfTextAtSize(t, size));
    });
  }

  private room(): number {
    return this.y - MARGIN;
  }

  private newPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  /** Space before a block, unless the block starts a page. */
  space(points: number): void {
    if (this.y < PAGE.height - MARGIN) this.y -= points;
  }

  /** Lines of one size; a page break comes before them when fewer than `keep` of them fit. */
  write(lines: readonly string[], font: PDFFont, size: number, leading: number, keep = 1): void {
    if (this.room() < Math.min(keep, lines.length) * leading) this.newPage();
    for (const line of lines) {
      if (this.room() < leading) this.newPage();
      this.y -= leading;
      this.page.drawText(line, { x: MARGIN, y: this.y + (leading - size) * 0.6, size, font, color: INK });
    }
  }

  heading(text: string, firstLines: readonly string[]): void {
    const { size, leading, before, after } = STYLE.heading;
    this.space(before);
    const lines = this.lines(text, this.fonts.bold, size);
    // A heading keeps its first two lines of text with it, or all of them.
    const needed = lines.length * leading + after + Math.min(2, firstLines.length) * STYLE.body.leading;
    if (this.room() < needed) this.newPage();
    this.write(lines, this.fonts.bold, size, leading);
    this.y -= after;
  }
}

function drawFooters(pdf: PDFDocument, font: PDFFont, footer: string): void {
  const pages = pdf.getPages();
  const { size } = STYLE.footer;
  const left = toWinAnsi(footer).text;
  pages.forEach((page, i) => {
    const number = `Page ${i + 1} of ${pages.length}`;
    page.drawText(left, { x: MARGIN, y: FOOTER_Y, size, font, color: MUTED });
    const width = font.widthOfTextAtSize(number, size);
    page.drawText(number, { x: PAGE.width - MARGIN - width, y: FOOTER_Y, size, font, color: MUTED });
  });
}

export async function documentPdf(doc: AgreementDocument, options: DocumentPdfOptions): Promise<Uint8Array> {
  const issued = new Date(options.issuedAt);
  if (Number.isNaN(issued.getTime())) throw new RangeError(`Not an ISO 8601 time: ${options.issuedAt}`);
  // updateMetadata: false keeps pdf-lib from stamping its own producer and the current time.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
  };
  const layout = new Layout(pdf, fonts);

  const title = STYLE.title;
  layout.write(layout.lines(doc.title, fonts.bold, title.size), fonts.bold, title.size, title.leading);
  layout.space(title.after);
  const body = STYLE.body;
  const paragraphs = (texts: readonly string[]) =>
    texts.map((p) => layout.lines(p, fonts.regular, body.size));
  for (const section of doc.sections) {
    const wrapped = paragraphs(section.paragraphs);
    layout.heading(section.heading, wrapped[0] ?? []);
    for (const lines of wrapped) {
      layout.write(lines, fonts.regular, body.size, body.leading, 2);
      layout.space(body.after);
    }
  }
  if (layout.replaced) {
    const note = `Some characters of this document have no form in this PDF's font and are shown as "?". The exact text is attached to this PDF as ${options.attachment.name}.`;
    layout.space(body.after);
    layout.write(layout.lines(note, fonts.regular, body.size), fonts.regular, body.size, body.leading);
  }
  drawFooters(pdf, fonts.regular, options.footer);

  await pdf.attach(new TextEncoder().encode(options.attachment.json), options.attachment.name, {
    mimeType: "application/json",
    description: "The exact data of this document",
    creationDate: issued,
    modificationDate: issued,
  });
  // Metadata strings are UTF-16 in the PDF: the title keeps every character.
  pdf.setTitle(doc.title);
  pdf.setSubject(options.subject);
  pdf.setLanguage("en");
  pdf.setProducer(PDF_PRODUCER);
  pdf.setCreator(PDF_CREATOR);
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);
  return pdf.save({ useObjectStreams: false });
}
