/** How a ledger event type is declared: the zod schema of its data, and its words. */
import type * as z from "../schemas/zod.ts";

export interface EventSpec<S extends z.ZodMiniType = z.ZodMiniType> {
  /** The event's data; what is written must have this shape (checked by the compiler at every append). */
  readonly data: S;
  /** The event in words, for the auditor's timeline. */
  readonly describe: (data: z.infer<S>) => string;
  /** What the partner's status page says of it; undefined (or absent) when it is not the partner's business. */
  readonly forPartner?: (data: z.infer<S>) => string | undefined;
}

/** One event type's declaration, with its data type inferred from the schema. */
export function eventSpec<S extends z.ZodMiniType>(
  data: S,
  describe: (data: z.infer<S>) => string,
  forPartner?: (data: z.infer<S>) => string | undefined,
): EventSpec<S> {
  return forPartner ? { data, describe, forPartner } : { data, describe };
}
