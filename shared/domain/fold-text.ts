/** Text folded for comparison: what a reader would call the same words compares equal. */

/**
 * Invisible code points (zero-width spaces and joiners, direction marks, soft hyphens, variation selectors):
 * "Ze\u200Bta" reads as "Zeta" and must compare as it.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Lowercase, without accents, punctuation or invisible characters, words separated by single spaces.
 * NFKC first, so that compatibility forms (full-width letters, ligatures) become the letters they show, then
 * NFD, so that accents are marks of their own and can be dropped.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’.]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
