/** The agreement's PDF: the rendered agreement's text (renderAgreement), deterministic, hashed as its version. */
import type { AgreementDocument } from "../domain/agreement.ts";
import { canonicalJson } from "../domain/canonical-json.ts";
import { documentPdf } from "./document-pdf.ts";

export interface AgreementPdfMeta {
  /** ISO 8601: the agreement version's issue time, the PDF's creation and modification dates. */
  readonly issuedAt: string;
  /** What the footer names it by, e.g. "Partnership p_123, agreement version 2". */
  readonly id: string;
}

export function agreementPdf(doc: AgreementDocument, meta: AgreementPdfMeta): Promise<Uint8Array> {
  return documentPdf(doc, {
    issuedAt: meta.issuedAt,
    footer: meta.id,
    subject: `Partnership agreement: ${meta.id}`,
    attachment: { name: "agreement.json", json: canonicalJson(doc) },
  });
}
