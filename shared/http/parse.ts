/** Parses a value with a zod schema at the boundary; failures become a 400 naming each field. */
import { fieldErrors } from "../schemas/validation.ts";
import type * as z from "../schemas/zod.ts";
import { BadRequestError } from "./problems.ts";

/** `root` names what the value is when it is not the body, e.g. a header: its issues are reported under it. */
export function parseOr400<T extends z.ZodMiniType>(
  schema: T,
  value: unknown,
  message = "Some fields are not valid",
  root?: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadRequestError(message, fieldErrors(result.error, root));
  return result.data;
}
