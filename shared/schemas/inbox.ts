/** What the inbox's open-decision route reads from its path: a partnership's and a decision's ids. */
import * as z from "./zod.ts";

const ulid = (what: string) => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, what));

export const openDecisionPathSchema = z.object({
  partnershipId: ulid("a partnership id"),
  decisionId: ulid("a decision id"),
});
