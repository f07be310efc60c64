/** GET /favicon.ico : the site's icon, an SVG, with the security headers and a long cache. */
import { httpHandler } from "#shared/http/http-handler.ts";
import { FAVICON_CACHE_CONTROL, FAVICON_SVG } from "#shared/web/favicon.ts";

export const handler = httpHandler(
  async () => ({
    statusCode: 200,
    headers: { "content-type": "image/svg+xml", "cache-control": FAVICON_CACHE_CONTROL },
    body: FAVICON_SVG,
  }),
  { body: "none", respond: "html" },
);
