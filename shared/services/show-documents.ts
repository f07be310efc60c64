/**
 * The documents a link opens, answered with a short-lived link to the evidence store (302, ~5 minutes), never
 * with the bytes: below an officer's or a signatory's step link (while that link is open: not used, expired or
 * replaced), the vetting documents the partnership's ledger records, or the agreement's PDF of the version
 * issued last; below the partner's status link, once the agreement is completed, its certificate (page, JSON,
 * PDF) and the signed agreement's PDF. A document the ledger does not record is "not found", as an unknown
 * link is: the answer never says whether a document exists.
 */
import { agreementState } from "../domain/agreement-state.ts";
import { certificateJson } from "../domain/completion-certificate.ts";
import { agreementKey, certificateKey, evidenceKey } from "../domain/document-keys.ts";
import { LinkNotFoundError, PartnershipNotFoundError } from "../domain/errors.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import { assertLinkUsable } from "../domain/link-tokens.ts";
import { VETTING_EVENTS } from "../domain/vetting-state.ts";
import { agreementCompletedData } from "../events/agreement-events.ts";
import type { EvidenceStore, SignedUrlOptions } from "../ports/evidence-store.ts";
import { detailsOf, type StoredDocumentDetails, vettingSubmissionSchema } from "../schemas/step-details.ts";
import { certifiedAgreement } from "../steps/certificate-view.ts";
import type { StatusDocument } from "../steps/document-routes.ts";
import type { StepRegistry } from "../steps/registry.ts";
import { certificateHtml } from "../web/certificate-view.ts";
import { html } from "../web/html.ts";
import { htmlResponse, page } from "../web/layout.ts";
import { findLink, type LinkRequest, resolveForDisplay } from "./decision-links.ts";
import type { Needs } from "./dependencies.ts";

/** How long a document's link to the store works. */
export const DOCUMENT_LINK_TTL_SECONDS = 300;

type Result = ReturnType<typeof htmlResponse>;
type Deps = Needs<"repository" | "clock" | "config"> & { documents: Pick<EvidenceStore, "signedUrl"> };

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A 302 to the store's short-lived link: not cached, and no Referer sent on to the store with the link's token. */
async function redirectTo(
  deps: Deps,
  key: string,
  options: Omit<SignedUrlOptions, "ttlSeconds">,
): Promise<Result> {
  const location = await deps.documents.signedUrl(key, { ...options, ttlSeconds: DOCUMENT_LINK_TTL_SECONDS });
  return {
    statusCode: 302,
    headers: { location, "cache-control": "no-store", "referrer-policy": "no-referrer" },
    body: "",
  };
}

/** The vetting document with this hash, as the partnership's ledger records it; undefined when it records none. */
export function recordedEvidenceDocument(
  events: readonly LedgerEvent[],
  sha256: string,
): StoredDocumentDetails | undefined {
  for (const event of events)
    if (event.type === VETTING_EVENTS.submitted)
      for (const item of detailsOf(vettingSubmissionSchema, event.data)?.items ?? [])
        if (item.document?.sha256 === sha256) return item.document;
  return undefined;
}

/**
 * GET `<linkPath>/{token}/documents/{sha256}` or `<linkPath>/{token}/agreement.pdf`: the step's document, while
 * its link is open. Throws the link errors (404, 410) as the step's page would.
 */
export async function openStepDocument(
  deps: Deps,
  registry: StepRegistry,
  request: LinkRequest,
  sha256?: string,
): Promise<Result> {
  const open = await resolveForDisplay(deps, registry, request);
  const partnershipId = open.partnership.id;
  const events = open.events ?? [];
  if (open.step.documents === "evidence") {
    const document = sha256 && SHA256_HEX.test(sha256) ? recordedEvidenceDocument(events, sha256) : undefined;
    if (!document) throw new LinkNotFoundError("Unknown link");
    // A neutral name: the signed link carries it in its query, which logs and browser histories keep, and the
    // partner's own file name may be personal ("Jane Doe police check.pdf"); the review page shows that one.
    return redirectTo(deps, evidenceKey(partnershipId, document.sha256), {
      downloadName: `evidence-${document.sha256.slice(0, 12)}${EXTENSIONS[document.contentType] ?? ""}`,
      contentType: document.contentType,
    });
  }
  if (open.step.documents === "agreement") {
    const issued = agreementState(events).current;
    if (!issued) throw new LinkNotFoundError("Unknown link");
    return redirectTo(deps, agreementKey(partnershipId, issued.version, issued.sha256), {
      downloadName: `agreement-v${issued.version}.pdf`,
      contentType: "application/pdf",
    });
  }
  throw new LinkNotFoundError("Unknown link");
}

/** The extension a neutral download name gets, by the document's type as inspected at upload. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  "application/pdf": ".pdf",
  "image/png": ".png",
  "image/jpeg": ".jpg",
};

/** The completion of the agreement's current version, from the ledger; undefined before it. */
function completionOf(events: readonly LedgerEvent[]) {
  const current = agreementState(events).current;
  if (!current) return undefined;
  for (const event of [...events].reverse()) {
    if (event.type !== "AgreementCompleted") continue;
    const completed = agreementCompletedData.safeParse(event.data);
    if (
      completed.success &&
      completed.data.version === current.version &&
      completed.data.sha256 === current.sha256
    )
      return completed.data;
  }
  return undefined;
}

function notYet(officeName: string): Result {
  const title = "Not available yet";
  return htmlResponse(
    404,
    page(
      title,
      html`<h1>${title}</h1><p>The signed agreement and its completion certificate are here once the agreement is signed by both parties.</p>`,
      officeName,
    ),
  );
}

/**
 * GET `/status/{token}/certificate` (a page), `/certificate.json`, `/certificate.pdf`, `/agreement.pdf`: once
 * the agreement is completed; 404 before. The status link's own errors as its page has them.
 */
export async function openStatusDocument(
  deps: Deps,
  token: string,
  which: StatusDocument,
  statusPath: string,
): Promise<Result> {
  const link = await findLink(deps, token, "status");
  assertLinkUsable(link, deps.clock.now());
  const record = await deps.repository.getPartnershipRecord(link.partnershipId);
  if (!record) throw new PartnershipNotFoundError(link.partnershipId);
  const { partnership, events } = record;
  const completed = completionOf(events);
  if (!completed) return notYet(deps.config.OFFICE_NAME);
  const { version } = completed;
  if (which === "agreementPdf")
    return redirectTo(deps, agreementKey(partnership.id, version, completed.sha256), {
      downloadName: `agreement-v${version}.pdf`,
      contentType: "application/pdf",
    });
  if (which === "certificatePdf") {
    if (!completed.certificatePdfSha256) return notYet(deps.config.OFFICE_NAME);
    return redirectTo(deps, certificateKey(partnership.id, version, completed.certificatePdfSha256), {
      downloadName: `completion-certificate-v${version}.pdf`,
      contentType: "application/pdf",
    });
  }
  const certified = certifiedAgreement({ partnership, events, config: deps.config });
  if (!certified) return notYet(deps.config.OFFICE_NAME);
  if (which === "certificateJson")
    return {
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: certificateJson(certified.certificate),
    };
  const title = `Completion certificate: ${partnership.organisationName}`;
  return htmlResponse(
    200,
    page(
      title,
      html`<h1>${title}</h1>${certificateHtml(certified.certificate)}
<p>Download: <a id="certificate-pdf" href="${statusPath}/certificate.pdf">the certificate (PDF)</a>, <a id="certificate-json" href="${statusPath}/certificate.json">the certificate (JSON)</a>, <a id="agreement-pdf" href="${statusPath}/agreement.pdf">the signed agreement (PDF)</a>.</p>
<p><a href="${statusPath}">Back to the status page</a></p>`,
      deps.config.OFFICE_NAME,
    ),
  );
}
