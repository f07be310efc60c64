/**
 * The documents a partnership's ledger names, by SHA-256: each agreement version's PDF (AgreementIssued), the
 * completion certificate (its canonical JSON, rebuilt from the ledger, and its PDF: AgreementCompleted), and
 * each evidence document (VettingEvidenceSubmitted). What the audit packet lists, and what its verifier checks
 * an inline document against. Pure.
 */
import { agreementKey, certificateKey, evidenceKey } from "./document-keys.ts";
import type { LedgerEvent } from "./ledger.ts";

export type DocumentKind = "agreement" | "certificate" | "certificate-pdf" | "evidence";

export interface NamedDocument {
  kind: DocumentKind;
  sha256: string;
  /** The agreement's version, for an agreement or a certificate. */
  version?: number;
}

/** Every document the ledger names, once each (the first event naming it decides its kind). */
export function documentsNamed(events: readonly LedgerEvent[]): NamedDocument[] {
  const found = new Map<string, NamedDocument>();
  const add = (doc: NamedDocument) => {
    if (!found.has(doc.sha256)) found.set(doc.sha256, doc);
  };
  for (const e of events) {
    const d = e.data as {
      version?: unknown;
      sha256?: unknown;
      certificateSha256?: unknown;
      certificatePdfSha256?: unknown;
      details?: { items?: { document?: { sha256?: unknown } }[] };
    };
    const version = typeof d.version === "number" ? d.version : undefined;
    if (e.type === "AgreementIssued" && typeof d.sha256 === "string")
      add({ kind: "agreement", sha256: d.sha256, ...(version ? { version } : {}) });
    if (e.type === "AgreementCompleted") {
      if (typeof d.certificateSha256 === "string")
        add({ kind: "certificate", sha256: d.certificateSha256, ...(version ? { version } : {}) });
      if (typeof d.certificatePdfSha256 === "string")
        add({ kind: "certificate-pdf", sha256: d.certificatePdfSha256, ...(version ? { version } : {}) });
    }
    if (e.type === "VettingEvidenceSubmitted")
      for (const item of d.details?.items ?? [])
        if (typeof item.document?.sha256 === "string")
          add({ kind: "evidence", sha256: item.document.sha256 });
  }
  return [...found.values()];
}

/**
 * Where the evidence store keeps a named document's bytes; undefined for the certificate's JSON, which is not
 * a stored file (the certificate's page and JSON are rebuilt from the ledger), or a version missing.
 */
export function storeKeyOf(partnershipId: string, doc: NamedDocument): string | undefined {
  switch (doc.kind) {
    case "agreement":
      return doc.version ? agreementKey(partnershipId, doc.version, doc.sha256) : undefined;
    case "certificate-pdf":
      return doc.version ? certificateKey(partnershipId, doc.version, doc.sha256) : undefined;
    case "evidence":
      return evidenceKey(partnershipId, doc.sha256);
    case "certificate":
      return undefined;
  }
}
