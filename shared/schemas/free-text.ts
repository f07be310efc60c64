/**
 * Free text, the field every form shares. In a module of its own so that a handler that needs it alone (the
 * decision POST) does not build the whole intake schema at its cold start.
 */
import * as z from "./zod.ts";

const MARKUP = /<\s*[a-z!/?]|&#?[a-z0-9]+;/i;

/** Free text: trimmed, bounded, and free of markup (HTML is escaped on output too; this keeps stored data clean). */
export const freeText = (min: number, max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(min, min === 1 ? "Required" : `At least ${min} characters`),
    z.maxLength(max, `At most ${max} characters`),
    z.refine((s) => !MARKUP.test(s), "Markup is not allowed here"),
  );
