/**
 * Bundles each function the way CDK does (infra/lambda-bundling.ts: esbuild, ESM, minified, AWS SDK bundled,
 * source map) and times module init with the functions' NODE_OPTIONS.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { ALL_FUNCTIONS } from "#infra/function-catalog.ts";
import { esbuildOptions, LAMBDA_NODE_OPTIONS } from "#infra/lambda-bundling.ts";

const ROOT = resolve(import.meta.dirname, "../..");
/** Inside the repo so that any external package would resolve from node_modules, as it does on Lambda. */
const OUT = join(ROOT, "node_modules", ".cache", "partnerflow-bench");

export interface BundleFigure {
  name: string;
  bytes: number;
  initMs: number;
}

async function bundle(name: string, entry: string): Promise<string> {
  const outfile = join(OUT, name, "index.mjs");
  await build({ ...esbuildOptions(entry, outfile), logLevel: "silent" });
  return outfile;
}

const BENCH_ENV = {
  TABLE_NAME: "bench",
  STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:123456789012:stateMachine:bench",
  PUBLIC_BASE_URL: "https://partners.example.org",
  SENDER_EMAIL: "partnerships@example.org",
  OFFICER_EMAILS: "officer@example.org",
  OFFICE_EMAIL: "office@example.org",
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  // As the function's environment sets it: with source maps enabled, Node reads the bundle's map at load.
  NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
};

/** The Lambda runtime interface client has node:http and node:https loaded before any handler; so do we. */
const RUNTIME_PRELOAD = ["--import", "data:text/javascript,import 'node:http'; import 'node:https';"];

/** Median wall time of a fresh Node process that loads the module and exits: what a cold start pays. */
function initMs(file: string, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const out = spawnSync(
      process.execPath,
      [...RUNTIME_PRELOAD, "--input-type=module", "-e", `await import(${JSON.stringify(file)});`],
      {
        env: { ...process.env, ...BENCH_ENV },
        encoding: "utf8",
      },
    );
    const elapsed = performance.now() - started;
    if (out.status !== 0) throw new Error(`init of ${file} failed: ${out.stderr.slice(0, 500)}`);
    times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export async function measureBundles(): Promise<{ empty: BundleFigure; functions: BundleFigure[] }> {
  mkdirSync(join(OUT, "empty"), { recursive: true });
  const emptyEntry = join(OUT, "empty", "entry.ts");
  writeFileSync(emptyEntry, "export const handler = async () => ({});\n");
  const emptyFile = await bundle("empty", emptyEntry);
  const empty = { name: "(empty handler)", bytes: statSync(emptyFile).size, initMs: initMs(emptyFile) };
  const functions: BundleFigure[] = [];
  for (const fn of ALL_FUNCTIONS) {
    const file = await bundle(fn.name, join(ROOT, "functions", fn.name, "handler.ts"));
    functions.push({ name: fn.name, bytes: statSync(file).size, initMs: initMs(file) });
  }
  return { empty, functions };
}
