/** What a request for a path no route serves is answered with: a page for a person, JSON for the API. */
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { html } from "./html.ts";
import { htmlResponse, page } from "./layout.ts";

/** Paths under /api/ are the JSON API's: a program reads the answer, not a person. */
const isApiPath = (path: string) => path === "/api" || path.startsWith("/api/");

export function notFoundResponse(path: string, officeName?: string): APIGatewayProxyStructuredResultV2 {
  if (isApiPath(path)) {
    return {
      statusCode: 404,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "Not Found" }),
    };
  }
  return htmlResponse(
    404,
    page(
      "Page not found",
      html`<h1>Page not found</h1>
<p>There is no page at this address. If you followed a link from one of our emails, check that you copied all of it.</p>
<p><a href="/">Go to the partnership intake form</a></p>`,
      officeName,
    ),
  );
}
