/** Where a sign-in sends the browser next: only a path on this site, never another site (no open redirect). */

/**
 * `next` when it is a path on this site ("/console/partnerships/p-1?tab=2"), otherwise undefined. Refused: any
 * scheme or host ("https://…", "//evil.example", "/\\evil.example", which browsers read as another host),
 * control characters and backslashes, and the sign-in's own routes (a loop).
 */
export function safeNext(next: string | undefined): string | undefined {
  if (typeof next !== "string" || next.length === 0 || next.length > 2000) return undefined;
  if (!next.startsWith("/") || next.startsWith("//")) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return undefined;
  let url: URL;
  try {
    url = new URL(next, "https://partnerflow.invalid");
  } catch {
    return undefined;
  }
  if (url.origin !== "https://partnerflow.invalid") return undefined;
  // What is returned is checked, not only what came in: the parser resolves "/..//evil.example" to
  // "//evil.example", which a browser would take for another host.
  if (url.pathname.startsWith("//") || url.pathname.startsWith("/\\")) return undefined;
  if (["/sign-in", "/sign-out", "/auth/callback"].includes(url.pathname)) return undefined;
  return `${url.pathname}${url.search}`;
}
