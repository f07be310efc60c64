/**
 * What the Lambda Node.js runtime has loaded before it imports a handler, for the bench's init timings: the
 * built-in modules that the runtime interface client (aws-lambda-ric 4.0.2, index.mjs) requires as it starts.
 * It loads every one through createRequire, never with an ES module import, so no ESM namespace of a built-in
 * is built (node:http's would load undici). A handler that imports one as an ES module pays for it in init,
 * and so it does here.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
for (const id of [
  "node:fs",
  "node:http",
  "node:net",
  "node:os",
  "node:path",
  "node:util",
  "node:worker_threads",
]) {
  require(id);
}
await import("node:async_hooks");
