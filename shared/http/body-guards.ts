/** Middlewares that vet a request body before it is parsed: its size, and that it is UTF-8 text. */
import type middy from "@middy/core";
import type { HttpEvent } from "./http-handler.ts";
import { MAX_MULTIPART_BODY_BYTES } from "./multipart.ts";
import { BadRequestError, PayloadTooLargeError } from "./problems.ts";

export const MAX_BODY_BYTES = 64 * 1024;

/** The body's size in bytes, decoded from base64 where API Gateway sent it so. */
function bodyBytes(event: HttpEvent & { body: string }): number {
  return Buffer.byteLength(event.body, event.isBase64Encoded ? "base64" : "utf8");
}

/** A form with files may be larger (MAX_MULTIPART_BODY_BYTES); one over that is refused with 413. */
export function multipartBodyLimit(): middy.MiddlewareObj<HttpEvent> {
  return {
    before: ({ event }) => {
      if (typeof event.body !== "string") return;
      if (bodyBytes(event as HttpEvent & { body: string }) > MAX_MULTIPART_BODY_BYTES) {
        throw new PayloadTooLargeError(
          "What you sent is too large. Each document can be at most 4 MB: send a smaller file, or one at a time.",
        );
      }
    },
  };
}

export function bodyLimit(): middy.MiddlewareObj<HttpEvent> {
  return {
    before: ({ event }) => {
      if (typeof event.body !== "string") return;
      const bytes = bodyBytes(event as HttpEvent & { body: string });
      if (bytes > MAX_BODY_BYTES) {
        throw new BadRequestError(`The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`, [
          { field: "(body)", message: `At most ${MAX_BODY_BYTES} bytes` },
        ]);
      }
    },
  };
}

/** A run of percent escapes: the bytes of one or more characters of a form field. */
const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;

function notUtf8(): BadRequestError {
  return new BadRequestError("The request body is not valid UTF-8 text", [
    { field: "(body)", message: "Send the body as UTF-8 text" },
  ]);
}

/**
 * Refuses a body that is not UTF-8, rather than let the parsers store the U+FFFD its bad bytes decode to. A
 * U+FFFD in the text is that mark, whether the body came as base64 (API Gateway may send it so) and is decoded
 * here, or as text decoded on its way (nobody types one); a form's percent escapes must decode to UTF-8 too.
 */
export function utf8Body(encoding: "json" | "form"): middy.MiddlewareObj<HttpEvent> {
  return {
    before: ({ event }) => {
      if (typeof event.body !== "string") return;
      if (event.isBase64Encoded) {
        // Text for the parsers from here on; bytes that are not UTF-8 decode to U+FFFD, refused below.
        event.body = Buffer.from(event.body, "base64").toString("utf8");
        event.isBase64Encoded = false;
      }
      const text = event.body as string;
      if (text.includes("\uFFFD")) throw notUtf8();
      if (encoding === "form") {
        for (const [escapes] of text.matchAll(ESCAPES)) {
          try {
            decodeURIComponent(escapes);
          } catch {
            throw notUtf8();
          }
        }
      }
    },
  };
}
