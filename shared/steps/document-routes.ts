/**
 * The routes of the documents a link opens (served by show-documents): below a step's link, the vetting
 * documents or the agreement's PDF (its descriptor's `documents`); below the partner's status link, the
 * completion certificate (page, JSON, PDF) and the signed agreement's PDF. One place for the paths the pages
 * link to and the routes the stack and the local runtime serve.
 */
import type { HumanStep } from "./step.ts";

/** What a step's link opens below `<linkPath>/{token}`, by the step's `documents`. */
export const STEP_DOCUMENT_PATHS = {
  evidence: "/documents/{sha256}",
  agreement: "/agreement.pdf",
} as const satisfies Record<NonNullable<HumanStep["documents"]>, string>;

/** The status link's documents, below `/status/{token}`. */
export const STATUS_DOCUMENT_PATHS = {
  certificate: "/certificate",
  certificateJson: "/certificate.json",
  certificatePdf: "/certificate.pdf",
  agreementPdf: "/agreement.pdf",
} as const;

export type StatusDocument = keyof typeof STATUS_DOCUMENT_PATHS;

/** The route of a step's document, or undefined for a step whose link opens none. */
export function stepDocumentRoute(step: Pick<HumanStep, "linkPath" | "documents">): string | undefined {
  return step.documents ? `GET ${step.linkPath}/{token}${STEP_DOCUMENT_PATHS[step.documents]}` : undefined;
}

/** The routes of the status link's documents. */
export function statusDocumentRoutes(): string[] {
  return Object.values(STATUS_DOCUMENT_PATHS).map((path) => `GET /status/{token}${path}`);
}
