/** What the console's page handlers share: the filters a GET form gave, and a missing partnership as a 404 page. */
import type { HttpEvent } from "./http-handler.ts";

/** The query's parameters, without the empty ones: a form's field left empty is a filter not set. */
export function givenQuery(event: HttpEvent): Record<string, string> {
  return Object.fromEntries(
    Object.entries(event.queryStringParameters ?? {}).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "",
    ),
  );
}

/** A partnership the path names and the table has not is a 404 (the console's pages, like the audit API). */
export { foundOr404 } from "./problems.ts";
