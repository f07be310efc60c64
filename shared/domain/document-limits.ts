/**
 * How large a document may be, and how much of them one request can carry: apart from documents.ts, so that the
 * HTTP stack's limits (and the pages that state them) carry no file-type.
 */

/** The largest document accepted: 4 MiB. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/**
 * Lambda's limit on a synchronous invocation's payload, the API Gateway event as JSON: 6 MiB (6,291,456 bytes).
 * A larger request never reaches its handler: API Gateway answers a plain 413, and so does the local server.
 */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;

/**
 * What the event holds besides the files, allowed for: its headers and request context, the form's text fields
 * and the multipart framing (all of them base64 in the event with the files). A checklist's text is a few tens
 * of KB at most; a browser's headers a few KB.
 */
export const EVENT_ROOM_BYTES = 128 * 1024;

/**
 * The most bytes of files one POST may carry: 4,620,288 (~4.4 MB). The body goes base64 in the event (4/3 of its
 * size), so the files take three quarters of what the event leaves them. The checklist page's script holds a
 * save or send whose files come to more, so that a browser never sends what the 413 would refuse.
 */
export const MAX_POST_FILES_BYTES = ((MAX_EVENT_BYTES - EVENT_ROOM_BYTES) / 4) * 3;

/**
 * A limit in the words a page uses: MB of 1,048,576 bytes (as the limits are set), rounded down to one decimal so
 * that a limit is never overstated, without a trailing ".0": "4 MB", "4.4 MB".
 */
export function limitWords(bytes: number): string {
  const tenths = Math.floor((bytes * 10) / (1024 * 1024));
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)} MB`;
}

/** Why a document over MAX_DOCUMENT_BYTES is refused: "The file is larger than 4 MB". */
export const DOCUMENT_TOO_LARGE = `The file is larger than ${limitWords(MAX_DOCUMENT_BYTES)}`;

/** A refused upload's message on its field: the reason, and what to choose instead. */
export function refusedUploadMessage(reason: string): string {
  return `${reason}. Choose a PDF, PNG or JPEG of at most ${limitWords(MAX_DOCUMENT_BYTES)}`;
}
