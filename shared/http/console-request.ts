/** What the console's page handlers share: the filters a GET form gave, and a missing partnership as a 404 page. */
import { PartnershipNotFoundError } from "../domain/errors.ts";
import type { HttpEvent } from "./http-handler.ts";
import { NotFoundError } from "./problems.ts";

/** The query's parameters, without the empty ones: a form's field left empty is a filter not set. */
export function givenQuery(event: HttpEvent): Record<string, string> {
  return Object.fromEntries(
    Object.entries(event.queryStringParameters ?? {}).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "",
    ),
  );
}

/** A partnership the path names and the table has not is the caller's 404, not our 500. */
export async function foundOr404<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof PartnershipNotFoundError) throw new NotFoundError("There is no such partnership.");
    throw error;
  }
}
