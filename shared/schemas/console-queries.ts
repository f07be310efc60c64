/** What the console's pages read from a request besides the audit list's filters: ids in the path, ?verify=1. */
import * as z from "./zod.ts";

const ulid = (what: string) => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, what));

export const consoleDecisionPathSchema = z.object({
  id: ulid("a partnership id"),
  decisionId: ulid("a decision id"),
});

export const consolePartnershipPathSchema = z.object({ id: ulid("a partnership id") });

/** The partnership's page: `verify=1` shows the check of its ledger (a GET: checking changes nothing). */
export const consolePartnershipQuerySchema = z.object({
  verify: z.optional(z.literal("1")),
});
