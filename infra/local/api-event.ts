/** API Gateway HTTP API (payload format 2.0): route matching, request → event, result → response. */
import { isUtf8 } from "node:buffer";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { LOCAL_ACCOUNT, LOCAL_API_ID } from "./intrinsics.ts";
import type { LocalRoute } from "./template.ts";

export interface RouteMatch {
  readonly route: LocalRoute;
  readonly pathParameters: Record<string, string>;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split("/");
  const got = path.split("/");
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? "";
    const greedy = /^\{(.+)\+\}$/.exec(w);
    if (greedy?.[1]) {
      const rest = got.slice(i).join("/");
      if (!rest) return undefined;
      params[greedy[1]] = decode(rest);
      return params;
    }
    const g = got[i];
    if (g === undefined) return undefined;
    const param = /^\{(.+)\}$/.exec(w);
    if (param?.[1]) {
      if (!g) return undefined;
      params[param[1]] = decode(g);
    } else if (w !== g) return undefined;
  }
  return want.length === got.length ? params : undefined;
}

/** Most specific first, as API Gateway does: literal segments, then parameters, then greedy, then $default. */
function specificity(route: LocalRoute): number[] {
  if (route.path === "$default") return [-1, 0, 0];
  const segments = route.path.split("/");
  const greedy = segments.some((s) => s.endsWith("+}")) ? 0 : 1;
  const literal = segments.filter((s) => !s.startsWith("{")).length;
  return [greedy, literal, route.method === "ANY" ? 0 : 1];
}

export function sortRoutes(routes: readonly LocalRoute[]): LocalRoute[] {
  return [...routes].sort((a, b) => {
    const [x, y] = [specificity(a), specificity(b)];
    for (let i = 0; i < x.length; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
    return b.path.length - a.path.length;
  });
}

export function matchRoute(
  sorted: readonly LocalRoute[],
  method: string,
  path: string,
): RouteMatch | undefined {
  for (const route of sorted) {
    if (route.method !== "ANY" && route.method !== method) continue;
    if (route.path === "$default") return { route, pathParameters: {} };
    const pathParameters = matchPath(route.path, path);
    if (pathParameters) return { route, pathParameters };
  }
  return undefined;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|[\w.+-]+\+(json|xml)))/i;

/**
 * Whether API Gateway passes a body of this type as text; any other (multipart/form-data, whose files are bytes,
 * among them) goes base64-encoded, with isBase64Encoded.
 */
export function isTextContent(contentType: string | undefined): boolean {
  return contentType === undefined || TEXT_TYPES.test(contentType.trim());
}

function httpDate(date: Date): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

export function toEvent(
  req: IncomingMessage,
  match: RouteMatch,
  body: Buffer,
  claims?: Readonly<Record<string, string>>,
): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? "/", "http://local");
  const rawPath = (req.url ?? "/").split("?")[0] ?? "/";
  const rawQueryString = (req.url ?? "").includes("?")
    ? (req.url ?? "").slice((req.url ?? "").indexOf("?") + 1)
    : "";
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? "").toLowerCase();
    const value = req.rawHeaders[i + 1] ?? "";
    if (name === "cookie")
      cookies.push(
        ...value
          .split(";")
          .map((c) => c.trim())
          .filter(Boolean),
      );
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const sourceIp = (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  headers["x-forwarded-for"] ??= sourceIp;
  headers["x-forwarded-proto"] ??= "http";
  headers["x-forwarded-port"] ??= String(req.socket.localPort ?? "");
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const method = req.method ?? "GET";
  const now = new Date();
  const host = headers.host ?? "127.0.0.1";
  // Bytes that are not UTF-8 go as they are (base64), not decoded into U+FFFD: the handler tells them apart.
  const text = isTextContent(headers["content-type"]) && isUtf8(body);
  return {
    version: "2.0",
    routeKey: match.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: LOCAL_API_ID,
      domainName: host,
      domainPrefix: host.split(".")[0] ?? host,
      http: {
        method,
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      // As API Gateway's JWT authorizer gives them: the handler reads the principal here, wherever it runs.
      ...(claims ? { authorizer: { jwt: { claims: { ...claims }, scopes: null } } } : {}),
      routeKey: match.route.routeKey,
      stage: "$default",
      time: httpDate(now),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: text ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/** The handler's result as API Gateway sends it (a result without statusCode is a 200 JSON body). */
export function toResponse(result: unknown): HttpResponse {
  const structured =
    typeof result === "object" && result !== null && !Array.isArray(result) && "statusCode" in result;
  if (!structured) {
    const body = typeof result === "string" ? result : JSON.stringify(result);
    return { statusCode: 200, headers: { "content-type": "application/json" }, body: Buffer.from(body) };
  }
  const r = result as {
    statusCode: unknown;
    headers?: Record<string, unknown>;
    cookies?: unknown;
    body?: unknown;
    isBase64Encoded?: unknown;
  };
  const statusCode = Number(r.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
    throw new Error("The handler returned an invalid statusCode");
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (Array.isArray(r.cookies) && r.cookies.length) headers["set-cookie"] = r.cookies.map(String);
  const raw = typeof r.body === "string" ? r.body : r.body === undefined ? "" : JSON.stringify(r.body);
  const body = r.isBase64Encoded === true ? Buffer.from(raw, "base64") : Buffer.from(raw);
  return { statusCode, headers, body };
}
