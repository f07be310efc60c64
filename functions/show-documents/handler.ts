/**
 * GET of a document below a link: the vetting documents below the officer's review link, the agreement's PDF
 * below the signing pages' links, and the completion certificate (page, JSON, PDF) and the signed agreement
 * below the partner's status link. Answers with a short-lived link to the evidence store (302).
 */
import { evidenceReaderFromEnv } from "#shared/adapters/evidence-store-from-env.ts";
import { appConfig } from "#shared/adapters/from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { openStatusDocument, openStepDocument } from "#shared/services/show-documents.ts";
import { STATUS_DOCUMENT_PATHS, type StatusDocument } from "#shared/steps/document-routes.ts";
import { STEPS } from "#shared/steps/index.ts";

const deps = {
  repository: personalRepositoryFromEnv(),
  documents: evidenceReaderFromEnv(),
  config: appConfig(),
  clock: systemClock,
};

const STATUS_PREFIX = "/status/{token}";

/** The status link's document a route path names, e.g. "/status/{token}/certificate.pdf" → certificatePdf. */
function statusDocumentOf(path: string): StatusDocument | undefined {
  const suffix = path.slice(STATUS_PREFIX.length);
  return (Object.keys(STATUS_DOCUMENT_PATHS) as StatusDocument[]).find(
    (which) => STATUS_DOCUMENT_PATHS[which] === suffix,
  );
}

export const handler = httpHandler(
  async (event: HttpEvent) => {
    const path = event.routeKey.split(" ")[1] ?? "";
    const token = event.pathParameters?.token ?? "";
    const status = path.startsWith(`${STATUS_PREFIX}/`) ? statusDocumentOf(path) : undefined;
    if (status) return openStatusDocument(deps, token, status, `/status/${token}`);
    const linkPath = path.slice(0, Math.max(0, path.indexOf("/{token}/")));
    return openStepDocument(deps, STEPS, { token, linkPath }, event.pathParameters?.sha256);
  },
  { body: "none", respond: "html" },
);
