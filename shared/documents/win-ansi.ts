/**
 * Text for the PDF's standard fonts (Helvetica), which encode WinAnsi only: Latin-1 and a few typographic
 * marks. A character outside it is written as its unaccented letter where it has one ("ş" → "s"), as a
 * close ASCII form for a few marks (a thin space, "≤"), and otherwise as "?" (one per character: "王小明" → "???",
 * an emoji → "?"), so that no name, however written, can stop a PDF from being made.
 */

/** The characters WinAnsi has beyond Latin-1's printable ones (its 0x80-0x9F range). */
const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".split("").map((c) => c.codePointAt(0) ?? 0));

const CLOSE_FORMS: Readonly<Record<string, string>> = {
  "\t": " ",
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2015": "—",
  "\u2032": "'",
  "\u2033": '"',
  "\u2212": "-",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2192": "->",
  "\u2190": "<-",
  "\u2260": "!=",
  // Letters with a stroke or without a dot, which have no decomposition to strip.
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
};

/** The character written in place of one WinAnsi has no form for. */
export const REPLACEMENT = "?";

export function isWinAnsi(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRAS.has(codePoint)
  );
}

function isWinAnsiText(text: string): boolean {
  for (const c of text) if (!isWinAnsi(c.codePointAt(0) ?? 0)) return false;
  return true;
}

/** One character (a code point) in WinAnsi. */
function winAnsiForm(c: string): string {
  if (isWinAnsi(c.codePointAt(0) ?? 0)) return c;
  const close = CLOSE_FORMS[c];
  if (close !== undefined) return close;
  // Any other space (a thin space, an ideographic space) is a space.
  if (/\p{Zs}/u.test(c)) return " ";
  // Its letter without the accents, when that letter is WinAnsi's ("ő" → "o", "Ł" has none).
  const base = c.normalize("NFD").replace(/\p{M}/gu, "");
  if (base !== "" && isWinAnsiText(base)) return base;
  return REPLACEMENT;
}

export interface WinAnsiText {
  readonly text: string;
  /** Whether some character had no form but the replacement "?". */
  readonly replaced: boolean;
}

/** One line of text (no line breaks) in WinAnsi. */
export function toWinAnsi(line: string): WinAnsiText {
  let text = "";
  let replaced = false;
  // NFC first, so that a letter typed as letter + accent is found as the one WinAnsi has ("é").
  for (const c of line.normalize("NFC")) {
    const form = winAnsiForm(c);
    if (form === REPLACEMENT && c !== REPLACEMENT) replaced = true;
    text += form;
  }
  return { text, replaced };
}
