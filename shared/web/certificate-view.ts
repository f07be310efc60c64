/** The completion certificate on a page: the same text as its PDF (certificateDocument), times in UTC. */
import { type CompletionCertificate, certificateDocument } from "../domain/completion-certificate.ts";
import { documentHtml } from "./document-view.ts";
import type { SafeHtml } from "./html.ts";

export function certificateHtml(cert: CompletionCertificate): SafeHtml {
  return documentHtml(certificateDocument(cert), "certificate");
}
