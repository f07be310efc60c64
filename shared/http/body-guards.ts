/** Middlewares that vet a request body before it is parsed: its size, and that it is UTF-8 text. */
import type middy from "@middy/core";
import type { HttpEvent } from "./http-handler.ts";
import { BadRequestError } from "./problems.ts";

export const MAX_BODY_BYTES = 64 * 1024;

export function bodyLimit(): middy.MiddlewareObj<HttpEvent> {
  return {
    before: ({ event }) => {
      if (typeof event.body !== "string") return;
      const bytes = Buffer.byteLength(event.body, event.isBase64Encoded ? "base64" : "utf8");
      if (bytes > MAX_BODY_BYTES) {
        throw new BadRequestError(`The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`, [
          { field: "(body)", message: `At most ${MAX_BODY_BYTES} bytes` },
        ]);
      }
    },
  };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A run of percent escapes: the bytes of one or more characters of a form field. */
const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;

function notUtf8(): BadRequestError {
  return new BadRequestError("The request body is not valid UTF-8 text", [
    { field: "(body)", message: "Send the body as UTF-8 text" },
  ]);
}

/**
 * Refuses a body that is not UTF-8, rather than let the parsers turn its bad bytes into U+FFFD and store
 * that: a base64 body (API Gateway sends one so) is decoded strictly, and left as text for the parsers. A
 * text body arrives decoded already, so a U+FFFD in it is the mark of bytes that were not UTF-8 (nobody
 * types one); a form's percent escapes must decode to UTF-8 too.
 */
export function utf8Body(encoding: "json" | "form"): middy.MiddlewareObj<HttpEvent> {
  return {
    before: ({ event }) => {
      if (typeof event.body !== "string") return;
      if (event.isBase64Encoded) {
        try {
          event.body = strictUtf8.decode(Buffer.from(event.body, "base64"));
        } catch {
          throw notUtf8();
        }
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
