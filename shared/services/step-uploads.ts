/**
 * The files sent with a step's POST (a step whose descriptor has `uploads`): each is inspected, and refused with
 * a field error on its input, or kept to be stored under evidenceKey(partnership, sha256) once the answer that
 * records it is valid. Nothing is stored for a POST that fails: a refused file changes nothing. The inspection
 * and the store are given by the function that takes uploads, so that no other bundle carries file-type or S3.
 */
import type { Json } from "../domain/canonical-json.ts";
import { evidenceKey } from "../domain/document-keys.ts";
import { refusedUploadMessage } from "../domain/document-limits.ts";
import type { InspectedUpload } from "../domain/documents.ts";
import type { EvidenceWriter } from "../ports/evidence-store.ts";
import type { StoredDocumentDetails } from "../schemas/step-details.ts";
import type { FieldError } from "../schemas/validation.ts";

/** A file as the request carried it: the name the browser sent, and its bytes. */
export interface Upload {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** What a POST that may carry files brings: the files by field name, how to check one, and where they go. */
export interface StepUploads {
  readonly files: Readonly<Record<string, readonly Upload[]>>;
  /** Checks one upload: shared/domain/documents.ts inspectUpload. */
  readonly inspect: (upload: Upload) => Promise<InspectedUpload>;
  readonly store: EvidenceWriter;
}

export interface InspectedUploads {
  /** The accepted documents, by their file field. */
  readonly documents: Readonly<Record<string, StoredDocumentDetails>>;
  /** One error for each file field whose file was refused. */
  readonly errors: readonly FieldError[];
  /** The accepted files' bytes and types, by SHA-256, to store. */
  readonly files: ReadonlyMap<string, { readonly bytes: Uint8Array; readonly contentType: string }>;
}

/**
 * Inspects the files of the fields the page takes (`accepted`); a file sent under any other name is ignored,
 * and never stored. One file per field.
 */
export async function inspectUploads(
  uploads: StepUploads,
  accepted: readonly string[],
): Promise<InspectedUploads> {
  const documents: Record<string, StoredDocumentDetails> = {};
  const errors: FieldError[] = [];
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  for (const field of accepted) {
    const sent = Object.hasOwn(uploads.files, field) ? (uploads.files[field] ?? []) : [];
    const [file] = sent;
    if (!file) continue;
    if (sent.length > 1) {
      errors.push({ field, message: "Choose one file here" });
      continue;
    }
    const inspected = await uploads.inspect(file);
    if (!inspected.ok) {
      errors.push({ field, message: refusedUploadMessage(inspected.message) });
      continue;
    }
    const { sha256, name, contentType, size } = inspected.document;
    documents[field] = { sha256, name, contentType, size };
    files.set(sha256, { bytes: file.bytes, contentType });
  }
  return { documents, errors, files };
}

/**
 * Stores the accepted files that the answer (or the draft) records, under their partnership and hash; a file
 * the answer left out (given for an item answered by a declaration) is not stored. Storing the same bytes
 * again is harmless, so a repeated POST may store them twice.
 */
export async function storeUploads(
  store: EvidenceWriter,
  partnershipId: string,
  inspected: InspectedUploads,
  recorded: Json,
): Promise<void> {
  const text = JSON.stringify(recorded);
  for (const [sha256, file] of inspected.files)
    if (text.includes(sha256))
      await store.put(evidenceKey(partnershipId, sha256), file.bytes, file.contentType);
}
