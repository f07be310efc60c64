/** The one middy stack every HTTP handler uses: size limit, parsing, origin check, error mapping, headers. */
import middy from "@middy/core";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import httpJsonBodyParser from "@middy/http-json-body-parser";
import httpUrlencodeBodyParser from "@middy/http-urlencode-body-parser";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { LinkExpiredError, LinkNotFoundError, LinkReplacedError, LinkUsedError } from "../domain/errors.ts";
import { DecisionWindowClosedError } from "../ports/workflow.ts";
import type { FieldError } from "../schemas/validation.ts";
import { html } from "../web/html.ts";
import { htmlResponse, page, SECURITY_HEADERS } from "../web/layout.ts";
import { errorName, log, loggableMessage } from "./log.ts";
import { BadRequestError, ConflictError, ForbiddenError } from "./problems.ts";

export const MAX_BODY_BYTES = 64 * 1024;

export type HttpEvent = Omit<APIGatewayProxyEventV2, "body"> & { body?: unknown };
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type BaseHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export interface HttpHandlerOptions {
  /** How the body is parsed: JSON API, HTML form, or no body. */
  body: "json" | "form" | "none";
  /** Whether errors are answered as an HTML page (browser routes) or JSON (API routes). */
  respond: "html" | "json";
}

function bodyLimit(): middy.MiddlewareObj<HttpEvent> {
  return {
    before: ({ event }) => {
      if (typeof event.body !== "string") return;
      const bytes = event.isBase64Encoded
        ? Math.floor((event.body.length * 3) / 4)
        : Buffer.byteLength(event.body);
      if (bytes > MAX_BODY_BYTES) {
        throw new BadRequestError(`The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`, [
          { field: "(body)", message: `At most ${MAX_BODY_BYTES} bytes` },
        ]);
      }
    },
  };
}

/** Forms that change state only accept posts from this site (the Origin, or failing that the Referer). */
function sameOrigin(): middy.MiddlewareObj<HttpEvent> {
  return {
    before: ({ event }) => {
      const claimed = event.headers.origin ?? event.headers.referer;
      if (!claimed) return;
      let host: string;
      try {
        host = new URL(claimed).host;
      } catch {
        throw new ForbiddenError("This form was posted from an unknown origin");
      }
      const allowed = new Set([event.headers.host, event.requestContext.domainName]);
      const base = process.env.PUBLIC_BASE_URL;
      if (base) allowed.add(new URL(base).host);
      if (!allowed.has(host)) throw new ForbiddenError("This form was posted from another site");
    },
  };
}

function messagePage(status: number, title: string, message: string, fields: FieldError[] = []): HttpResult {
  const list = fields.length
    ? html`<ul>${fields.map((f) => html`<li><strong>${f.field}</strong>: ${f.message}</li>`)}</ul>`
    : "";
  return htmlResponse(
    status,
    page(
      title,
      html`<h1>${title}</h1><p>${message}</p>${list}${
        status === 400 ? html`<p>Go back, correct it and send it again.</p>` : ""
      }`,
    ),
  );
}

function errorResponse(error: unknown, respond: "html" | "json"): HttpResult {
  const known = (status: number, title: string, message: string, extra: Record<string, unknown> = {}) =>
    respond === "html"
      ? messagePage(status, title, message, (extra.errors as FieldError[] | undefined) ?? [])
      : {
          statusCode: status,
          headers: { "content-type": "application/json", ...SECURITY_HEADERS },
          body: JSON.stringify({ message, ...extra }),
        };

  if (error instanceof BadRequestError) {
    return known(400, "Something is wrong with the request", error.message, { errors: error.fields });
  }
  if (error instanceof ForbiddenError) return known(403, "Not allowed", error.message);
  if (error instanceof ConflictError) return known(409, "Already used", error.message);
  if (error instanceof LinkNotFoundError) {
    return known(
      404,
      "Link not found",
      "This link is not valid. Check that you copied the whole link from the email.",
    );
  }
  if (error instanceof LinkReplacedError) {
    return known(
      410,
      "Link replaced",
      "This link was replaced by a newer one. Please use the link in the most recent email we sent you.",
    );
  }
  if (error instanceof LinkUsedError) {
    return known(410, "Link already used", "This link has already been used; each link works once.");
  }
  if (error instanceof LinkExpiredError || error instanceof DecisionWindowClosedError) {
    return known(
      410,
      "Link expired",
      "This link has expired, or the onboarding it belongs to has ended. If you still need to act on it, contact the partnerships office.",
    );
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 415 || status === 422) {
    // middy's body parsers: malformed JSON (422) and a wrong content type (415).
    const message =
      status === 422
        ? "The request body is not valid JSON"
        : respond === "html"
          ? "Send the form from its page"
          : "Send the body as application/json";
    return known(status === 415 ? 415 : 400, "Something is wrong with the request", message, {
      errors: [{ field: "(body)", message }],
    });
  }
  return known(
    500,
    "Something went wrong",
    "Something went wrong on our side. Please try again in a moment; if it keeps happening, contact the office.",
  );
}

export function httpHandler(base: BaseHandler, options: HttpHandlerOptions) {
  const handler = middy<HttpEvent, HttpResult>(base)
    .use(httpHeaderNormalizer())
    .use({
      after: (request) => {
        const response = request.response;
        if (response) response.headers = { ...SECURITY_HEADERS, ...response.headers };
      },
      onError: (request) => {
        const error = request.error;
        const status = errorResponse(error, options.respond);
        if (status.statusCode === 500) {
          log("error", "request failed", {
            error: errorName(error),
            reason: error instanceof Error ? loggableMessage(error.message).slice(0, 200) : undefined,
            route: request.event.routeKey,
            requestId: request.context.awsRequestId,
          });
        }
        request.response = status;
      },
    })
    .use(bodyLimit());
  if (options.body === "json") handler.use(httpJsonBodyParser<APIGatewayProxyEventV2>());
  if (options.body === "form")
    handler.use(sameOrigin()).use(httpUrlencodeBodyParser<APIGatewayProxyEventV2>());
  return handler;
}
