/** The agreement's text on a page (the signing and countersigning pages, the auditor's): the same text as its PDF. */
import type { AgreementDocument } from "../domain/agreement.ts";
import { documentHtml } from "./document-view.ts";
import type { SafeHtml } from "./html.ts";

export function agreementHtml(doc: AgreementDocument): SafeHtml {
  return documentHtml(doc, "agreement");
}
