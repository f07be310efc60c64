/**
 * Stack traces of a Lambda bundle mapped back to the sources, when one is needed rather than at every cold
 * start: with NODE_OPTIONS=--enable-source-maps, Node reads the bundle's map and measures every line of the
 * bundle while loading it (~5-10 ms per cold start), though only failures ever look at a stack. The bundles
 * ship their map next to them (infra/lambda-bundling.ts); unbundled code (tests, `npm start`) has none and its
 * stacks already name the sources.
 */
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

/** In a bundle, the bundle itself: every frame of our code and its dependencies points into it. */
const BUNDLE_URL = import.meta.url;

let bundleMap: SourceMap | null | undefined;

function loadBundleMap(): SourceMap | null {
  if (bundleMap === undefined) {
    try {
      bundleMap = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(BUNDLE_URL)}.map`, "utf8")));
    } catch {
      bundleMap = null;
    }
  }
  return bundleMap;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const FRAME = new RegExp(`${escapeRegExp(BUNDLE_URL)}:(\\d+):(\\d+)`, "g");

/** The stack with each `<bundle>:line:column` replaced by `<source>:line:column`, as the map has it. */
export function sourceMappedStack(stack: string): string {
  if (!stack.includes(BUNDLE_URL)) return stack;
  const map = loadBundleMap();
  if (!map) return stack;
  return stack.replace(FRAME, (frame, line: string, column: string) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
    if (!("originalSource" in entry)) return frame;
    // Sources are relative to the map (../../shared/…, ../../node_modules/…): keep the project-relative part.
    const source = entry.originalSource.replace(/^(\.\.\/)+/, "");
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
