/**
 * What a signature is on both signing pages: the agreement as the signer reads it, intent ticked, the full name
 * typed, and the document's hash carried by the form, so that a signature binds the version that was shown.
 * The evidence recorded: who, when, from which address and browser, on which document.
 */
import type { Json } from "../domain/canonical-json.ts";
import { foldText } from "../domain/fold-text.ts";
import type { SignatureEvidence } from "../schemas/step-details.ts";
import type { FieldError } from "../schemas/validation.ts";
import { agreementHtml } from "../web/agreement-view.ts";
import { checkbox, firstValue, textInput } from "../web/form-kit.ts";
import { html, type SafeHtml } from "../web/html.ts";
import type { FormFields } from "../web/intake-form.ts";
import type { IssuedAgreement } from "./agreement-view.ts";
import type { FormState, StepView } from "./step.ts";

export const DOCUMENT_FIELD = "documentSha256";
export const SIGNATURE_LABELS = {
  [DOCUMENT_FIELD]: "The agreement shown",
  intent: "Your intent to sign",
  fullName: "Your full name",
} as const;

/** The agreement's text, its PDF and its hash, as the signer reads them. */
export function agreementSection(agreement: IssuedAgreement, pdfUrl: string): SafeHtml {
  const { issued, document } = agreement;
  return html`<section class="card agreement" id="f-${DOCUMENT_FIELD}" tabindex="-1"><p>Agreement version ${issued.version}. <a href="${pdfUrl}">Download the PDF</a> (SHA-256 <code>${issued.sha256}</code>).</p>${agreementHtml(document)}</section>`;
}

export function signatureFields(form: FormState, agreement: IssuedAgreement, intentLabel: string): SafeHtml {
  return html`<input type="hidden" name="${DOCUMENT_FIELD}" value="${agreement.issued.sha256}">
${checkbox("intent", intentLabel, form.values, form.errors)}
${textInput("fullName", SIGNATURE_LABELS.fullName, form.values, form.errors, {
  hint: "Type your full name as your signature.",
  autocomplete: "name",
  maxLength: 200,
})}`;
}

/** Names compared as people write them: case, accents, spacing and punctuation aside. */
export function sameName(a: string, b: string): boolean {
  return foldText(a) === foldText(b) && foldText(a) !== "";
}

/**
 * Reads a signature: the form's hash must be the version issued last (a page opened before a change, or a
 * tampered field, signs nothing), intent ticked, and the typed name `expectedName` when one is required.
 */
export function readSignature(
  fields: FormFields,
  view: StepView,
  agreement: IssuedAgreement,
  signer: {
    role: SignatureEvidence["role"];
    email: string;
    title?: string | undefined;
    expectedName?: string | undefined;
  },
  errors: FieldError[],
): SignatureEvidence | undefined {
  if (firstValue(fields[DOCUMENT_FIELD]) !== agreement.issued.sha256)
    errors.push({
      field: DOCUMENT_FIELD,
      message:
        "The agreement has changed since this page was opened: reload the page and read the current version",
    });
  if (firstValue(fields.intent) !== "yes")
    errors.push({ field: "intent", message: "Required: tick the box to sign" });
  const typed = (firstValue(fields.fullName) ?? "").trim();
  if (!typed) errors.push({ field: "fullName", message: "Required: type your full name" });
  else if (typed.length > 200) errors.push({ field: "fullName", message: "Enter at most 200 characters" });
  else if (signer.expectedName !== undefined && !sameName(typed, signer.expectedName))
    errors.push({
      field: "fullName",
      message: `Type the name of the confirmed signatory, ${signer.expectedName}, exactly as confirmed`,
    });
  if (errors.length > 0) return undefined;
  return {
    role: signer.role,
    name: typed,
    ...(signer.title ? { title: signer.title } : {}),
    email: signer.email,
    signedAt: (view.now ?? new Date()).toISOString(),
    ip: view.client?.ip ?? "",
    userAgent: (view.client?.userAgent ?? "").slice(0, 500),
    agreementVersion: agreement.issued.version,
    documentSha256: agreement.issued.sha256,
  };
}

export const asJson = (value: unknown): Json => value as Json;
