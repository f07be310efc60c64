/** How large a document may be: apart from documents.ts, so that the HTTP stack's limits carry no file-type. */

/** The largest document accepted: 4 MiB. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
