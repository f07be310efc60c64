/** What the audit API reads from a request: the listing's filters, and a partnership's id in the path. */
import { isCalendarDate } from "../domain/calendar-dates.ts";
import { EXPORT_FORMATS } from "../domain/ledger-export.ts";
import { STAGES } from "../domain/lifecycle.ts";
import * as z from "./zod.ts";

const day = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD"),
    z.refine(isCalendarDate, "There is no such day in the calendar"),
  );

export const auditListQuerySchema = z
  .object({
    stage: z.optional(z.enum(STAGES)),
    type: z.optional(z.string().check(z.minLength(1), z.maxLength(60))),
    from: z.optional(day),
    to: z.optional(day),
    cursor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/, "the `next` of the page before"))),
    limit: z.optional(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, "a whole number from 1 to 100"))),
  })
  .check(
    // A reversed range would reach DynamoDB's BETWEEN, which refuses it (a 500): named here instead.
    z.refine((q) => !(q.from && q.to && q.from > q.to), {
      message: "on or after the from date",
      path: ["to"],
    }),
  );

export const auditPathSchema = z.object({
  id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "a partnership id")),
});

/** The export's query: its format. */
export const exportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS) });

/** The packet's query: `documents=inline` puts each stored document's bytes in it. */
export const packetQuerySchema = z.object({ documents: z.optional(z.enum(["inline"])) });

/** A document of a partnership, by its SHA-256. */
export const documentPathSchema = z.object({
  id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "a partnership id")),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, "a SHA-256 as 64 lowercase hex digits")),
});
