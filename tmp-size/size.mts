import { build } from "esbuild";
import { esbuildOptions } from "/work/main/infra/lambda-bundling.ts";
const name = process.argv[2] ?? "decide-step";
async function main() {
const { metafile } = await build({ ...esbuildOptions(`functions/${name}/handler.ts`, `/tmp/sz/${name}.mjs`), logLevel: "silent", metafile: true });
const out = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined)!;
const groups = new Map<string, number>();
for (const [path, { bytesInOutput }] of Object.entries(out.inputs)) {
  const key = path.includes("node_modules") ? path.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, "$1") : path.replace(/\/[^/]+$/, "");
  groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
}
console.log(name, (out.bytes / 1024).toFixed(1), "KiB");
for (const [k, v] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1024).toFixed(1).padStart(7), k);
}
main();
