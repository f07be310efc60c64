/** Turns zod issues into the field list every 400 response and form page shows. */
import type * as z from "./zod.ts";

export interface FieldError {
  /** Dotted path of the failing field, e.g. `organisation.name` or `audiences.0`. */
  field: string;
  message: string;
}

/** Issues at the top of the value are reported under `root` (by default, the request body). */
export function fieldErrors(error: z.core.$ZodError, root = "(body)"): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join(".") : root,
    message: issue.message,
  }));
}
