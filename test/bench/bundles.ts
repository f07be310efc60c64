/**
 * Bundles each function the way CDK does (infra/lambda-bundling.ts: esbuild, ESM, minified, AWS SDK bundled,
 * source map) and times module init with the functions' environment.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { ALL_FUNCTIONS } from "#infra/function-catalog.ts";
import { esbuildOptions, LAMBDA_ENVIRONMENT } from "#infra/lambda-bundling.ts";

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
  // Lambda starts a function with its own variables only: none of the caller's NODE_OPTIONS.
  NODE_OPTIONS: "",
  // What every function's environment starts with.
  ...LAMBDA_ENVIRONMENT,
};

/** The built-in modules the Lambda runtime has loaded before any handler, loaded the way it loads them. */
const RUNTIME_PRELOAD = ["--import", join(import.meta.dirname, "lambda-runtime-preload.mjs")];

/** Wall time of a fresh Node process that loads the module and exits: what a cold start pays. */
function initOnce(file: string): number {
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
  return elapsed;
}

function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Median init time of each file over `runs` rounds. Each round loads every file once, the empty handler
 * included, so that a change in the machine's load during the bench shifts the baseline and the functions alike.
 */
function initMs(files: readonly string[], runs = 7): number[] {
  const times = files.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) {
    files.forEach((file, i) => {
      times[i]?.push(initOnce(file));
    });
  }
  return times.map(median);
}

/**
 * Handlers that only build the SDK clients the functions use, and so show the floor the SDK sets under an
 * SDK-using function's init: whatever the function itself does comes on top.
 */
const SDK_ONLY: Readonly<Record<string, string>> = {
  "DynamoDB document client only": `
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
export const commands = [BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand];
export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => ({});
`,
  "DynamoDB, SES and SFN clients only": `
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SendEmailCommand, SESClient } from "@aws-sdk/client-ses";
import { SendTaskSuccessCommand, SFNClient } from "@aws-sdk/client-sfn";
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
export const commands = [BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, SendEmailCommand, SendTaskSuccessCommand];
export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const clients = [new SESClient({}), new SFNClient({})];
export const handler = async () => ({});
`,
};

async function bundleSource(name: string, source: string): Promise<string> {
  const key = name.replaceAll(/[^a-z]+/gi, "-").replaceAll(/^-|-$/g, "");
  mkdirSync(join(OUT, key), { recursive: true });
  const entry = join(OUT, key, "entry.ts");
  writeFileSync(entry, source);
  return bundle(key, entry);
}

export interface BundleFigures {
  empty: BundleFigure;
  /** Bundles of the SDK clients alone (SDK_ONLY). */
  sdkOnly: BundleFigure[];
  functions: BundleFigure[];
}

export async function measureBundles(): Promise<BundleFigures> {
  const bundles = [
    {
      name: "(empty handler)",
      file: await bundleSource("empty", "export const handler = async () => ({});\n"),
    },
  ];
  for (const [name, source] of Object.entries(SDK_ONLY)) {
    bundles.push({ name, file: await bundleSource(name, source) });
  }
  for (const fn of ALL_FUNCTIONS) {
    bundles.push({
      name: fn.name,
      file: await bundle(fn.name, join(ROOT, "functions", fn.name, "handler.ts")),
    });
  }
  const times = initMs(bundles.map((b) => b.file));
  const [empty, ...rest] = bundles.map(
    (b, i): BundleFigure => ({ name: b.name, bytes: statSync(b.file).size, initMs: times[i] ?? Number.NaN }),
  );
  if (!empty) throw new Error("no empty handler measured");
  const sdkCount = Object.keys(SDK_ONLY).length;
  return { empty, sdkOnly: rest.slice(0, sdkCount), functions: rest.slice(sdkCount) };
}
