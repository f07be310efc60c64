/** Turns zod issues into the field list every 400 response and form page shows. */
import type * as z from "./zod.ts";

export interface FieldError {
  /** Dotted path of the failing field, e.g. `organisation.name` or `audiences.0`. */
  field: string;
  message: string;
}

export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join(".") : "(body)",
    message: issue.message,
  }));
}
