/** Greedy word wrapping against a width measure (the PDF font's), breaking a word wider than a line. */

export type Measure = (text: string) => number;

/** A word too long for a line, in pieces that each fit (at least one character per piece). */
function breakWord(word: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const c of word) {
    if (piece !== "" && measure(piece + c) > maxWidth) {
      pieces.push(piece);
      piece = "";
    }
    piece += c;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}

/** The lines of one line of text (no line breaks in it) that each fit in `maxWidth`. An empty text is one empty line. */
export function wrapLine(text: string, maxWidth: number, measure: Measure): string[] {
  const words = text.split(/ +/).filter((w) => w !== "");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (measure(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== "") lines.push(line);
    if (measure(word) <= maxWidth) {
      line = word;
      continue;
    }
    const pieces = breakWord(word, maxWidth, measure);
    line = pieces.pop() ?? "";
    lines.push(...pieces);
  }
  lines.push(line);
  return lines;
}
