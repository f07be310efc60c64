/**
 * Where documents are kept: vetting evidence, agreement PDFs and certificates, each under a key from
 * shared/domain/document-keys.ts (addressed by SHA-256). S3 on AWS and locally (s3rver); in memory in tests.
 */

export interface SignedUrlOptions {
  /** How long the link works, in seconds: at least 1, at most 7 days (SigV4's limit). */
  ttlSeconds: number;
  /** The name the browser shows and saves the document under. */
  downloadName: string;
  /** The type the response declares (the document's, as inspected at upload). */
  contentType: string;
}

/** The part of the store that only writes: what a function that stores documents and reads none needs. */
export interface EvidenceWriter {
  /** Stores the bytes under `key`; storing the same bytes under the same key again is harmless. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
}

/** The part of the store that only reads: what a function that opens documents and stores none needs. */
export interface EvidenceReader {
  /** The bytes under `key`, or undefined when nothing is stored there. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** A short-lived GET link to the object, opening as `downloadName`. */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
}

export interface EvidenceStore extends EvidenceWriter, EvidenceReader {}

/** SigV4 presigned URLs work for at most 7 days. */
export const MAX_SIGNED_URL_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Refuses a link lifetime outside 1 s to 7 days (a caller's mistake, not a partner's). */
export function checkTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_SIGNED_URL_TTL_SECONDS) {
    throw new RangeError("A signed URL's lifetime must be a whole number of seconds, 1 to 7 days");
  }
}

/**
 * The Content-Disposition that opens the document in the browser under `name`: a plain ASCII fallback in
 * `filename` and the exact name in `filename*` (RFC 6266 / RFC 8187), so no quote or non-ASCII character in a
 * partner's file name can break the header.
 */
export function inlineDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const exact = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
