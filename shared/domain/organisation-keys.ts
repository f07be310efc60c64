/**
 * An organisation's name and website reduced to what is compared for duplicates. Free of the Public Suffix
 * List (see duplicates.ts), so that storage can compute the keys it keeps without carrying the list.
 */
import { foldText } from "./fold-text.ts";

const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  "inc",
  "incorporated",
  "ltd",
  "limited",
  "llc",
  "corp",
  "corporation",
  "co",
  "company",
  "plc",
  "society",
]);

/**
 * The name as compared for duplicates: folded, without a leading "the" and without trailing legal suffixes.
 * Suffixes are dropped repeatedly ("Daniels Corporation, Inc." and "Daniels Corporation" both become
 * "daniels"), but never the last word, so "The Company" stays "company". "Association" is kept: it
 * distinguishes an industry association from the employer of the same name.
 */
export function normaliseOrganisationName(name: string): string {
  const words = foldText(name).split(" ").filter(Boolean);
  if (words.length > 1 && words[0] === "the") words.shift();
  for (let last = words.at(-1); words.length > 1 && last !== undefined && LEGAL_SUFFIXES.has(last); ) {
    words.pop();
    last = words.at(-1);
  }
  return words.join(" ");
}

/** The host of a web address, lowercased, without "www."; a bare "example.org" is read as https. */
export function webDomain(url: string | undefined): string | undefined {
  const trimmed = url?.trim();
  if (!trimmed) return undefined;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let parsed: URL;
  try {
    parsed = new URL(absolute);
  } catch {
    return undefined;
  }
  // Credentials in a web address are not a website ("mailto:a@b.org" read as https would look like one).
  if (parsed.username || parsed.password) return undefined;
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  const host = parsed.hostname
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^www\./, "");
  return host.includes(".") ? host : undefined;
}
