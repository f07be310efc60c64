/** Turns zod issues into the field list every 400 response and form page shows. */
import type * as z from "./zod.ts";

export interface FieldError {
  /** Dotted path of the failing field, e.g. `organisation.name` or `audiences.0`. */
  field: string;
  message: string;
}

/** What an unknown field is told, under its own path. */
export const UNKNOWN_FIELD = "Unknown field";

/**
 * Issues at the top of the value are reported under `root` (by default, the request body). Unknown fields
 * are reported one by one under their own paths (`organisation.admin`), not as one issue of the object that
 * holds them.
 */
export function fieldErrors(error: z.core.$ZodError, root = "(body)"): FieldError[] {
  const at = (path: readonly PropertyKey[]) => (path.length > 0 ? path.map(String).join(".") : root);
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ field: at([...issue.path, key]), message: UNKNOWN_FIELD }))
      : [{ field: at(issue.path), message: issue.message }],
  );
}
