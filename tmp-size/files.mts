import { build } from "esbuild";
import { esbuildOptions } from "/work/main/infra/lambda-bundling.ts";
async function main() {
const name = process.argv[2] ?? "decide-step";
const filter = new RegExp(process.argv[3] ?? "zod");
const { metafile } = await build({ ...esbuildOptions(`functions/${name}/handler.ts`, `/tmp/sz/${name}.mjs`), logLevel: "silent", metafile: true });
const out = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined)!;
for (const [path, { bytesInOutput }] of Object.entries(out.inputs).filter(([p]) => filter.test(p)).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,20)) console.log((bytesInOutput/1024).toFixed(1).padStart(6), path);
}
main();
