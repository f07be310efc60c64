/**
 * Forms with files (multipart/form-data): the limits, the parser's options, the check that the text fields are
 * UTF-8, and the parsed body split into the string fields and the uploaded files, typed.
 *
 * @middy/http-multipart-body-parser gives each file part as `{ filename, mimetype, encoding, content: Buffer,
 * truncated }` and each text part as a string; a field named `name[]` gives `name` as an array (a field that
 * repeats without `[]` keeps only its last value, so a multipart form names its checkboxes `name[]`).
 */
import type middy from "@middy/core";
import { MAX_DOCUMENT_BYTES } from "../domain/document-limits.ts";
import type { FormFields } from "../web/intake-form.ts";
import type { HttpEvent } from "./http-handler.ts";
import { BadRequestError } from "./problems.ts";

/**
 * A file part may be one byte over the largest document: a file of that size reaches inspectUpload, which says
 * it is larger than 4 MB; a larger one is cut by the parser, which then refuses the request (413) rather than
 * pass on a truncated file.
 */
export const MULTIPART_FILE_LIMIT_BYTES = MAX_DOCUMENT_BYTES + 1;

/**
 * The largest multipart body taken, decoded: ~5.5 MB, a 4 MiB document with room for the form's other fields.
 * Lambda's own limit is 6 MB for the whole event, in which API Gateway sends the body base64 (4/3 larger).
 */
export const MAX_MULTIPART_BODY_BYTES = 5_500_000;

/** The parser's options: files and text fields bounded, file and field names read as UTF-8. */
export const MULTIPART_OPTIONS = {
  busboy: {
    defCharset: "utf8",
    defParamCharset: "utf8",
    limits: { fileSize: MULTIPART_FILE_LIMIT_BYTES, fieldSize: 64 * 1024, fields: 1000, parts: 1000 },
  },
  charset: "utf8",
} as const;

/** Whether the request's body is multipart/form-data (the header normaliser has lowercased the names). */
export function isMultipart(event: HttpEvent): boolean {
  return /^multipart\/form-data\s*;/i.test(event.headers["content-type"] ?? "");
}

/** A file as a handler gets it: the name the browser sent (not yet sanitised) and its bytes. */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** What the parser gives for a file part. */
interface ParsedFilePart {
  filename: string;
  mimetype?: string;
  content: Buffer;
}

function isFilePart(value: unknown): value is ParsedFilePart {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { filename?: unknown }).filename === "string" &&
    Buffer.isBuffer((value as { content?: unknown }).content)
  );
}

/**
 * The parsed multipart body as string fields (the shape the urlencoded forms give, FormFields) and files by
 * field name, in the order they were sent. A file input left empty (a part with an empty file name) is no file.
 */
export function splitMultipart(body: unknown): { fields: FormFields; files: Record<string, UploadedFile[]> } {
  const fields: FormFields = {};
  const files: Record<string, UploadedFile[]> = {};
  if (typeof body !== "object" || body === null) return { fields, files };
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === "string") {
      fields[name] = value;
      continue;
    }
    const values: unknown[] = Array.isArray(value) ? value : [value];
    const strings = values.filter((v): v is string => typeof v === "string");
    // The parser puts each later file of a name first: reversed, they are in the order sent.
    const parts = values.filter(isFilePart).reverse();
    if (strings.length > 0) fields[name] = strings;
    const uploaded = parts
      .filter((part) => part.filename !== "")
      .map((part) => ({ name: part.filename, bytes: new Uint8Array(part.content) }));
    if (uploaded.length > 0) files[name] = uploaded;
  }
  return { fields, files };
}

/**
 * After parsing: every text field must have been UTF-8 (the parser decodes bad bytes to U+FFFD, which nobody
 * types). A file's bytes are not text and are not checked here.
 */
export function utf8Fields(): middy.MiddlewareObj<HttpEvent> {
  return {
    before: ({ event }) => {
      const { fields } = splitMultipart(event.body);
      const text = Object.values(fields).flat();
      if (text.some((value) => value?.includes("\uFFFD"))) {
        throw new BadRequestError("The request body is not valid UTF-8 text", [
          { field: "(body)", message: "Send the form's text as UTF-8" },
        ]);
      }
    },
  };
}
