/** The completion certificate's PDF: its text (certificateDocument), deterministic, dated when it was completed. */
import {
  type CompletionCertificate,
  certificateDocument,
  certificateJson,
} from "../domain/completion-certificate.ts";
import { documentPdf } from "./document-pdf.ts";

export function certificatePdf(cert: CompletionCertificate): Promise<Uint8Array> {
  const id = `Partnership ${cert.partnershipId}, agreement version ${cert.agreementVersion}`;
  return documentPdf(certificateDocument(cert), {
    issuedAt: cert.completedAt,
    footer: `Completion certificate: ${id}`,
    subject: `Completion certificate: ${id}`,
    attachment: { name: "certificate.json", json: certificateJson(cert) },
  });
}
