/** The HTTP API's $default route: any request no other route takes gets a 404 page, or JSON under /api/. */
import { appConfig } from "#shared/adapters/from-env.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { notFoundResponse } from "#shared/web/not-found-page.ts";

export const handler = httpHandler(
  async (event: HttpEvent) => notFoundResponse(event.rawPath, appConfig().OFFICE_NAME),
  {
    body: "none",
    respond: "html",
  },
);
