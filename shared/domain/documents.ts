/**
 * Vetting evidence documents as a partner uploads them: what is accepted (PDF, PNG or JPEG of at most 4 MiB,
 * recognised by its content, named for what it is), and what is recorded of it (SHA-256, type, size, a safe
 * name). Pure apart from reading the bytes; no storage here (see shared/ports/evidence-store.ts).
 */
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { DOCUMENT_TOO_LARGE, MAX_DOCUMENT_BYTES } from "./document-limits.ts";

export { MAX_DOCUMENT_BYTES };

/** The longest stored name, in UTF-16 code units, extension included. */
export const MAX_DOCUMENT_NAME_LENGTH = 200;

export const DOCUMENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type DocumentContentType = (typeof DOCUMENT_TYPES)[number];

export interface StoredDocument {
  /** SHA-256 of the bytes, lowercase hex: the document's address and its evidence. */
  readonly sha256: string;
  readonly contentType: DocumentContentType;
  readonly size: number;
  /** The uploaded name, made safe to show and to offer as a download name. */
  readonly name: string;
}

export type InspectedUpload =
  | { readonly ok: true; readonly document: StoredDocument }
  | { readonly ok: false; readonly message: string };

interface Kind {
  /** How a person calls it: "a PDF document". */
  readonly words: string;
  /** The extensions a name may have for it, lowercase; the first is added to a name that has none. */
  readonly extensions: readonly string[];
}

const KINDS: Readonly<Record<DocumentContentType, Kind>> = {
  "application/pdf": { words: "a PDF document", extensions: ["pdf"] },
  "image/png": { words: "a PNG image", extensions: ["png"] },
  "image/jpeg": { words: "a JPEG image", extensions: ["jpg", "jpeg"] },
};

/** file-type's answer for these, by its mime type. */
const ACCEPTED = new Set<string>(DOCUMENT_TYPES);

/** Bidirectional formatting characters: they can make "invoice‮fdp.exe" read as "invoiceexe.pdf". */
const DIRECTION = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
/** A name's extension: a dot and one to ten letters or digits at its end. */
const EXTENSION = /\.([A-Za-z0-9]{1,10})$/;

/**
 * The name as it may be stored and shown: the last part of a path (browsers on some systems send the whole
 * path), without control or direction characters, trimmed, at most 200 characters with its extension kept.
 */
export function sanitiseDocumentName(name: string): string {
  const last = name.split(/[/\\]/).at(-1) ?? "";
  const clean = last.normalize("NFC").replace(CONTROL, "").replace(DIRECTION, "").trim();
  if (clean.length <= MAX_DOCUMENT_NAME_LENGTH) return clean;
  const extension = EXTENSION.exec(clean)?.[0] ?? "";
  // Cut by code points, so that no half of a surrogate pair is left at the cut.
  const base = Array.from(clean.slice(0, clean.length - extension.length));
  let kept = "";
  for (const char of base) {
    if (kept.length + char.length + extension.length > MAX_DOCUMENT_NAME_LENGTH) break;
    kept += char;
  }
  return `${kept.trimEnd()}${extension}`;
}

/** Checks an upload and describes it for storage, or says in plain words why it is refused. */
export async function inspectUpload(upload: { name: string; bytes: Uint8Array }): Promise<InspectedUpload> {
  const { bytes } = upload;
  if (bytes.byteLength === 0) return refuse("The file is empty");
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) return refuse(DOCUMENT_TOO_LARGE);
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !ACCEPTED.has(detected.mime)) {
    return refuse("This file is not a PDF, PNG or JPEG");
  }
  const contentType = detected.mime as DocumentContentType;
  const kind = KINDS[contentType];
  const sanitised = sanitiseDocumentName(upload.name);
  const extension = EXTENSION.exec(sanitised)?.[1]?.toLowerCase();
  let name = sanitised;
  if (extension === undefined) {
    // A name with no extension says nothing false; it gets the one its content has.
    name = sanitiseDocumentName(`${sanitised || "document"}.${kind.extensions[0]}`);
  } else if (!kind.extensions.includes(extension)) {
    return refuse(`The file is named .${extension} but is ${kind.words}`);
  }
  return {
    ok: true,
    document: {
      sha256: createHash("sha256").update(bytes).digest("hex"),
      contentType,
      size: bytes.byteLength,
      name,
    },
  };
}

function refuse(message: string): InspectedUpload {
  return { ok: false, message };
}
