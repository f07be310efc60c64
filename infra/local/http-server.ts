/** The local stand-in for API Gateway: one HTTP server calling the routes' handlers with v2.0 events. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { MAX_EVENT_BYTES } from "#shared/domain/document-limits.ts";
import { matchRoute, sortRoutes, toEvent, toResponse } from "./api-event.ts";
import { errorName, type Logger } from "./log.ts";
import { listen, type RunningServer, readBody } from "./servers.ts";
import type { LocalRoute } from "./template.ts";

/**
 * The largest request body read: 6 MiB. API Gateway's HTTP APIs take 10 MB, but a Lambda function is invoked
 * with at most 6 MB (6,291,456 bytes) of event, which is the limit that holds for every route here.
 */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * Lambda's limit on a synchronous invocation's payload, the event as JSON (shared/domain/document-limits.ts): a body
 * sent as base64 (multipart, any binary) counts 4/3 of its size, so a form with files of more than ~4.5 MB never
 * reaches its handler on AWS, and does not here either. The pages' own limit on a POST's files,
 * MAX_POST_FILES_BYTES, is derived from it, with room for the rest of the event.
 */
export { MAX_EVENT_BYTES };

export interface HttpServerOptions {
  /** The routes, or a getter for them (the runtime listens before its model is built). */
  readonly routes: readonly LocalRoute[] | (() => readonly LocalRoute[]);
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
  readonly port?: number;
  readonly host?: string;
  readonly log?: Logger;
  /** Until this returns true, requests get 503 (the runtime is still starting). */
  readonly ready?: () => boolean;
  /** Headers of the server's own answers (its 404, 413, 500, 503 and health check): the app's security headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Told of each request API Gateway would receive (any but the local health check). */
  readonly onRequest?: () => void;
  /**
   * The JWT authorizer's stand-in, for routes that have one: the claims a bearer token signs in, or undefined
   * (401, as API Gateway answers, before any handler runs).
   */
  readonly authenticate?: (token: string) => Readonly<Record<string, string>> | undefined;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  let source: readonly LocalRoute[] | undefined;
  let sorted: LocalRoute[] = [];
  const routes = () => {
    const current = typeof options.routes === "function" ? options.routes() : options.routes;
    if (current !== source) [source, sorted] = [current, sortRoutes(current)];
    return sorted;
  };
  const log = options.log ?? (() => undefined);
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { ...options.headers, "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz" && (method === "GET" || method === "HEAD"))
      return json(res, 200, { status: "ok" });
    options.onRequest?.();
    if (options.ready && !options.ready()) return json(res, 503, { message: "Service Unavailable" });
    const match = matchRoute(routes(), method, path);
    if (!match) {
      req.resume();
      return json(res, 404, { message: "Not Found" });
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === "too-large") return json(res, 413, { message: "Request Entity Too Large" });
    const started = Date.now();
    let claims: Readonly<Record<string, string>> | undefined;
    if (match.route.authorization === "JWT") {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
      claims = bearer === undefined ? undefined : options.authenticate?.(bearer);
      if (!claims) return json(res, 401, { message: "Unauthorized" });
    }
    const event = toEvent(req, match, body, claims);
    if (Buffer.byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES)
      return json(res, 413, { message: "Request Entity Too Large" });
    let response: ReturnType<typeof toResponse>;
    try {
      response = toResponse(await options.invoke(match.route.functionName, event));
    } catch (error) {
      // Names only: the request body and headers may carry tokens or personal data.
      log("error", "handler failed", {
        route: match.route.routeKey,
        function: match.route.functionName,
        error: errorName(error),
      });
      return json(res, 500, { message: "Internal Server Error" });
    }
    res.writeHead(response.statusCode, response.headers);
    res.end(method === "HEAD" ? undefined : response.body);
    log("info", "request", {
      route: match.route.routeKey,
      status: response.statusCode,
      ms: Date.now() - started,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log("error", "request handling failed", { error: errorName(error) });
      if (!res.headersSent) json(res, 500, { message: "Internal Server Error" });
      else res.destroy();
    });
  });
  return listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
}
