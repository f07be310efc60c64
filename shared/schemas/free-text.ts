/**
 * Free text, the field every form shares, and its one-line kind. In a module of its own so that a handler that needs it alone (the
 * decision POST) does not build the whole intake schema at its cold start.
 */
import * as z from "./zod.ts";

const MARKUP = /<\s*[a-z!/?]|&#?[a-z0-9]+;/i;
/**
 * Control characters but tab and line breaks, and the bidirectional overrides and isolates, which can make a
 * name read differently from what it is (an officer must see what the partner typed).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** What every empty or missing required field says. */
export const REQUIRED = "Required";

/**
 * The message for a value of the wrong type: "Required" when it is missing or empty (the form posts an
 * unanswered field as ""), else `otherwise` (or, without it, zod's own, which names the type expected).
 */
export const requiredOr =
  (otherwise?: string) =>
  (issue: { readonly input?: unknown }): string | undefined =>
    issue.input === undefined || issue.input === "" ? REQUIRED : otherwise;

/**
 * Free text: trimmed, bounded, and free of markup and control characters (HTML is escaped on output too; this
 * keeps stored data clean). Empty, when `min` is 1 or more, it is "Required" and nothing else.
 */
export const freeText = (min: number, max: number) =>
  z.string({ error: requiredOr() }).check(
    z.trim(),
    ...(min >= 1 ? [z.minLength(1, { error: REQUIRED, abort: true })] : []),
    ...(min > 1 ? [z.minLength(min, `At least ${min} characters`)] : []),
    z.maxLength(max, `At most ${max} characters`),
    z.refine((s) => !MARKUP.test(s), "Markup is not allowed here"),
    z.refine((s) => !CONTROL.test(s), "Control characters are not allowed here"),
  );

/**
 * Invisible marks that a one-line field has no use for and that make two names look the same while they
 * differ: zero-width spaces, joiners and non-joiners, direction marks (U+061C, U+200E, U+200F), the word
 * joiner and invisible operators, the byte-order mark, the soft hyphen and the Mongolian vowel separator.
 * (The bidirectional overrides and isolates are refused as control characters above.)
 */
const INVISIBLE_MARK = /[\u00AD\u061C\u180E\u200B-\u200F\u2060-\u2065\u206A-\u206F\uFEFF]/;

/** Free text on one line: a name, a title, an address line. It may be quoted in an email's subject. */
export const textLine = (min: number, max: number) =>
  freeText(min, max).check(
    z.refine((s) => !/[\r\n]/.test(s), "Keep this on one line"),
    z.refine(
      (s) => !INVISIBLE_MARK.test(s),
      "Contains invisible characters (such as zero-width spaces or direction marks): please type it again",
    ),
  );
