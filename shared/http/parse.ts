/** Parses a value with a zod schema at the boundary; failures become a 400 naming each field. */
import { fieldErrors } from "../schemas/validation.ts";
import type * as z from "../schemas/zod.ts";
import { BadRequestError } from "./problems.ts";

export function parseOr400<T extends z.ZodMiniType>(
  schema: T,
  value: unknown,
  message = "Some fields are not valid",
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadRequestError(message, fieldErrors(result.error));
  return result.data;
}
