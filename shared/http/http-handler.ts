/** The one middy stack every HTTP handler uses: size limit, UTF-8, parsing, origin check, error mapping, headers. */
import middy from "@middy/core";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import httpJsonBodyParser from "@middy/http-json-body-parser";
import httpUrlencodeBodyParser from "@middy/http-urlencode-body-parser";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { appConfig } from "../adapters/from-env.ts";
import {
  LinkClosedError,
  LinkExpiredError,
  LinkNotFoundError,
  LinkReplacedError,
  LinkUsedError,
} from "../domain/errors.ts";
import { DecisionWindowClosedError } from "../ports/workflow.ts";
import type { FieldError } from "../schemas/validation.ts";
import { html } from "../web/html.ts";
import { htmlResponse, page, SECURITY_HEADERS } from "../web/layout.ts";
import { bodyLimit, multipartBodyLimit, utf8Body } from "./body-guards.ts";
import { errorName, log, loggableMessage } from "./log.ts";
import { isMultipart, utf8Fields } from "./multipart.ts";
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
} from "./problems.ts";
import { sameOrigin } from "./same-origin.ts";
import { staffSession } from "./staff-session.ts";

export type HttpEvent = Omit<APIGatewayProxyEventV2, "body"> & { body?: unknown };
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type BaseHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export type HttpHandlerOptions = {
  /** Whether errors are answered as an HTML page (browser routes) or JSON (API routes). */
  respond: "html" | "json";
  /**
   * The sign-in's own routes: an auditor's POST is let through (to sign in or out), where every other route that
   * can change state refuses it (shared/http/staff-session.ts).
   */
  auditorsMayPost?: true;
} & (
  | {
      /** How the body is parsed: JSON API, HTML form, or no body. */
      body: "json" | "form" | "none";
    }
  | {
      /**
       * An HTML form that may carry files: multipart/form-data (up to ~5.5 MB), or a urlencoded form as "form"
       * takes it (a page without a file input), so one handler can take both. Read the parsed body with
       * splitMultipart (shared/http/multipart.ts).
       */
      body: "multipart";
      /** The parser, `multipartParser` of shared/http/multipart-parser.ts: given here, only its bundle carries it. */
      multipartParser: () => middy.MiddlewareObj<HttpEvent>;
    }
);

/** What a known error is answered with; anything else is a 500. */
interface Answer {
  status: number;
  title: string;
  /** The message a person reads; by default the error's own. */
  message?: string;
  /** A link that leads on from the page (never in a JSON answer). */
  link?: { readonly href: string; readonly text: string };
}

type ErrorClass = abstract new (...args: never[]) => Error;

const LINK_EXPIRED: Answer = {
  status: 410,
  title: "Link expired",
  message:
    "This link has expired, or the onboarding it belongs to has ended. If you still need to act on it, contact the partnerships office.",
};

/**
 * An emailed link whose decision its officer opened from the staff inbox (which made a new link and emailed none):
 * "use the most recent email" would lead nowhere. Says no more than that to whoever holds the old link.
 */
const REPLACED_FROM_INBOX: Answer = {
  status: 410,
  title: "Link replaced",
  message: "This decision was opened from the staff inbox; decide it there.",
  link: { href: "/console/inbox", text: "Open the staff inbox" },
};

/** Each error class a handler may throw, and its answer: the first that matches wins. */
export const ERROR_ANSWERS: readonly (readonly [ErrorClass, Answer])[] = [
  [BadRequestError, { status: 400, title: "Something is wrong with the request" }],
  [UnauthorizedError, { status: 401, title: "Sign in first" }],
  [NotFoundError, { status: 404, title: "Not found" }],
  [ForbiddenError, { status: 403, title: "Not allowed" }],
  [PayloadTooLargeError, { status: 413, title: "Too large" }],
  [ConflictError, { status: 409, title: "Already used" }],
  [
    LinkNotFoundError,
    {
      status: 404,
      title: "Link not found",
      message: "This link is not valid. Check that you copied the whole link from the email.",
    },
  ],
  [
    LinkReplacedError,
    {
      status: 410,
      title: "Link replaced",
      message:
        "This link was replaced by a newer one. Please use the link in the most recent email we sent you.",
    },
  ],
  [
    LinkUsedError,
    {
      status: 410,
      title: "Link already used",
      message: "This link has already been used; each link works once.",
    },
  ],
  // Its message says who ended the partnership (the step pages add the day: shared/services/step-pages.ts).
  [LinkClosedError, { status: 410, title: "This link no longer works" }],
  [LinkExpiredError, LINK_EXPIRED],
  [DecisionWindowClosedError, LINK_EXPIRED],
];

const SERVER_ERROR: Answer = {
  status: 500,
  title: "Something went wrong",
  message:
    "Something went wrong on our side. Please try again in a moment; if it keeps happening, contact the office.",
};

/** The office's name for a page's header; the default one when the configuration cannot be read. */
function officeName(): string | undefined {
  try {
    return appConfig().OFFICE_NAME;
  } catch {
    return undefined;
  }
}

function messagePage(
  status: number,
  title: string,
  message: string,
  fields: FieldError[],
  link?: Answer["link"],
): HttpResult {
  // A person is told about the request as a whole in the message: no raw "(body)" field is named to them.
  const named = fields.filter((f) => f.field !== "(body)");
  const list = named.length
    ? html`<ul>${named.map((f) => html`<li><strong>${f.field}</strong>: ${f.message}</li>`)}</ul>`
    : "";
  return htmlResponse(
    status,
    page(
      title,
      html`<h1>${title}</h1><p>${message}</p>${list}${
        status === 400 ? html`<p>Go back, correct it and send it again.</p>` : ""
      }${link ? html`<p><a href="${link.href}">${link.text}</a></p>` : ""}`,
      officeName(),
    ),
  );
}

/** An answer with the fields that failed, for the errors that name them (a 400). */
type Answered = Answer & { fields?: FieldError[] | undefined };

/** The multipart parser's 413: a file part went past MULTIPART_FILE_LIMIT_BYTES and was cut. */
const FILE_TOO_LARGE: Answered = {
  status: 413,
  title: "Too large",
  message:
    "The file is larger than 4 MB. Send a smaller file (a scan at a lower resolution, or fewer pages).",
};

/**
 * middy's body parsers fail with a status: malformed JSON or multipart (422), a wrong content type (415), and a
 * file part over its limit (413).
 */
function parserAnswer(error: unknown, respond: "html" | "json"): Answered | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 413) return FILE_TOO_LARGE;
  if (status !== 415 && status !== 422) return undefined;
  const multipart = (error as { cause?: { package?: unknown } }).cause?.package === MULTIPART_PACKAGE;
  const message =
    status === 422
      ? multipart
        ? "The form's data could not be read"
        : "The request body is not valid JSON"
      : respond === "html"
        ? "Send the form from its page"
        : "Send the body as application/json";
  return {
    status: status === 415 ? 415 : 400,
    title: "Something is wrong with the request",
    message,
    fields: [{ field: "(body)", message }],
  };
}

function answerFor(error: unknown, respond: "html" | "json"): Answered {
  if (error instanceof LinkReplacedError && error.fromInbox) return REPLACED_FROM_INBOX;
  const known = ERROR_ANSWERS.find(([type]) => error instanceof type)?.[1];
  if (known) {
    return {
      ...known,
      ...(error instanceof ConflictError && error.title ? { title: error.title } : {}),
      message: known.message ?? (error as Error).message,
      fields: error instanceof BadRequestError ? error.fields : undefined,
    };
  }
  return parserAnswer(error, respond) ?? SERVER_ERROR;
}

export function errorResponse(error: unknown, respond: "html" | "json"): HttpResult {
  const { status, title, message = "", fields, link } = answerFor(error, respond);
  if (respond === "html") return messagePage(status, title, message, fields ?? [], link);
  return {
    statusCode: status,
    headers: { "content-type": "application/json", ...SECURITY_HEADERS },
    body: JSON.stringify({ message, ...(fields ? { errors: fields } : {}) }),
  };
}

const MULTIPART_PACKAGE = "@middy/http-multipart-body-parser";

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
        const response = errorResponse(error, options.respond);
        if (response.statusCode === 500) {
          log("error", "request failed", {
            error: errorName(error),
            reason: error instanceof Error ? loggableMessage(error.message).slice(0, 200) : undefined,
            route: request.event.routeKey,
            requestId: request.context.awsRequestId,
          });
        }
        request.response =
          response.statusCode === 401 && options.respond === "html"
            ? (signInFirst(request.event) ?? response)
            : response;
      },
    })
    .use(staffSession(options.auditorsMayPost ? { auditorsMayPost: true } : {}));
  if (options.body === "json")
    handler.use(bodyLimit()).use(utf8Body("json")).use(httpJsonBodyParser<APIGatewayProxyEventV2>());
  else if (options.body === "form") handler.use(bodyLimit()).use(formMiddlewares());
  else if (options.body === "multipart") {
    // Parsed from the bytes as sent (base64 from API Gateway): the files are not text, so the body is not
    // decoded to UTF-8 first as for the other forms; the text fields are checked once parsed.
    const multipart = [
      multipartBodyLimit(),
      sameOrigin(() => appConfig().PUBLIC_BASE_URL),
      options.multipartParser(),
      utf8Fields(),
    ];
    const form = [bodyLimit(), ...formMiddlewares()];
    handler.use({
      before: async (request) => {
        for (const middleware of isMultipart(request.event) ? multipart : form)
          await middleware.before?.(request);
      },
    });
  } else handler.use(bodyLimit());
  return handler;
}

/**
 * A browser's GET of a page that needs a session it lacks: 303 to the sign-in page, which comes back here
 * (`next`, this path and query) once signed in. Undefined for any other request (a POST gets the 401 page).
 */
function signInFirst(event: HttpEvent): HttpResult | undefined {
  const method = event.requestContext?.http?.method;
  if (method !== "GET" && method !== "HEAD") return undefined;
  const query = event.rawQueryString ? `?${event.rawQueryString}` : "";
  const next = `${event.rawPath ?? "/"}${query}`;
  return {
    statusCode: 303,
    headers: { ...SECURITY_HEADERS, location: `/sign-in?next=${encodeURIComponent(next)}` },
    body: "",
  };
}

/** A urlencoded form: UTF-8 text, posted from this site, parsed into FormFields. */
function formMiddlewares(): middy.MiddlewareObj<HttpEvent>[] {
  return [
    utf8Body("form"),
    sameOrigin(() => appConfig().PUBLIC_BASE_URL),
    httpUrlencodeBodyParser<APIGatewayProxyEventV2>() as unknown as middy.MiddlewareObj<HttpEvent>,
  ];
}
