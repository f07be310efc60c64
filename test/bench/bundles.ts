/**
 * Bundles each function of infra/function-catalog.ts the way CDK does (infra/lambda-bundling.ts: esbuild, ESM,
 * minified, AWS SDK bundled, source map), reads from each bundle which SDK clients it holds, and times module
 * init with the functions' environment beside an empty handler and the floor of each set of clients.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { ALL_FUNCTIONS } from "#infra/function-catalog.ts";
import { esbuildOptions, LAMBDA_ENVIRONMENT } from "#infra/lambda-bundling.ts";
import {
  type BundleInputs,
  clientSetName,
  type FunctionInit,
  type InitFigure,
  sdkClientsIn,
} from "./init-budget.ts";
import { floorSource } from "./sdk-floors.ts";

const ROOT = resolve(import.meta.dirname, "../..");
/** Inside the repo so that any external package would resolve from node_modules, as it does on Lambda. */
const OUT = join(ROOT, "node_modules", ".cache", "partnerflow-bench");

export interface BundleFigure extends FunctionInit {
  readonly bytes: number;
  /** What pdf-lib (and its @pdf-lib packages) put in the bundle: the agreement's and certificate's PDFs. */
  readonly pdfLibBytes: number;
}

interface Bundle {
  readonly file: string;
  readonly clients: string[];
  readonly pdfLibBytes: number;
}

const PDF_LIB = /(?:^|\/)node_modules\/(?:pdf-lib|@pdf-lib\/[^/]+)\//;

/** The bytes that the modules `path` matches put in a bundle (an esbuild metafile output's inputs). */
export function bytesFrom(inputs: BundleInputs, path: RegExp): number {
  let bytes = 0;
  for (const [input, { bytesInOutput }] of Object.entries(inputs))
    if (path.test(input)) bytes += bytesInOutput;
  return bytes;
}

async function bundle(name: string, entry: string): Promise<Bundle> {
  const outfile = join(OUT, name, "index.mjs");
  const { metafile } = await build({ ...esbuildOptions(entry, outfile), logLevel: "silent", metafile: true });
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) throw new Error(`esbuild reported no output for ${name}`);
  return {
    file: outfile,
    clients: sdkClientsIn(output.inputs),
    pdfLibBytes: bytesFrom(output.inputs, PDF_LIB),
  };
}

const BENCH_ENV = {
  TABLE_NAME: "bench",
  STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:123456789012:stateMachine:bench",
  REVETTING_STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:123456789012:stateMachine:bench-renewal",
  // The periodic review's machine and its schedules' group and role, as the functions that schedule or cancel
  // reviews have them.
  REVIEW_STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:123456789012:stateMachine:bench-review",
  REVIEW_SCHEDULE_GROUP: "bench-reviews",
  REVIEW_SCHEDULER_ROLE_ARN: "arn:aws:iam::123456789012:role/bench-review-scheduler",
  CHECKPOINT_BUCKET: "partnerflow-checkpoints",
  CHECKPOINT_KEY_ID: "arn:aws:kms:eu-west-1:123456789012:key/bench",
  PUBLIC_BASE_URL: "https://partners.example.org",
  SENDER_EMAIL: "partnerships@example.org",
  OFFICER_EMAILS: "officer@example.org",
  OFFICE_EMAIL: "office@example.org",
  LEAD_EMAIL: "lead@example.org",
  // Given only to the functions that read or write evidence; the others ignore it.
  EVIDENCE_BUCKET: "partnerflow-evidence",
  // Given only to the functions that seal or open personal fields: their KMS data keys, as deployed.
  PERSONAL_DATA_KEY_ID: "arn:aws:kms:eu-west-1:123456789012:key/bench-personal",
  // The staff's user pool, as every HTTP function has it: a session cookie is checked against it.
  STAFF_USER_POOL_ID: "eu-west-1_bench",
  STAFF_CLIENT_ID: "bench",
  STAFF_SIGN_IN_URL: "https://bench.auth.eu-west-1.amazoncognito.com",
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
 * Median init time of each file over `runs` rounds. Each round loads every file once, the empty handler and
 * the floors included, so that a change in the machine's load during the bench shifts baseline and functions alike.
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

async function bundleSource(key: string, source: string): Promise<Bundle> {
  mkdirSync(join(OUT, key), { recursive: true });
  const entry = join(OUT, key, "entry.ts");
  writeFileSync(entry, source);
  return bundle(key, entry);
}

export interface BundleFigures {
  empty: InitFigure;
  /** By set of clients (clientSetName): a handler that builds those clients only. */
  floors: Map<string, InitFigure>;
  functions: BundleFigure[];
}

export async function measureBundles(): Promise<BundleFigures> {
  const empty = await bundleSource("empty", "export const handler = async () => ({});\n");
  const functions: { name: string; bundle: Bundle }[] = [];
  for (const fn of ALL_FUNCTIONS)
    functions.push({
      name: fn.name,
      bundle: await bundle(fn.name, join(ROOT, "functions", fn.name, "handler.ts")),
    });
  // One floor for each set of clients some function holds, so that each is judged against its own.
  const sets = new Map<string, string[]>();
  for (const { bundle: b } of functions)
    if (b.clients.length > 0) sets.set(clientSetName(b.clients), b.clients);
  const floors: { set: string; bundle: Bundle }[] = [];
  for (const [set, clients] of [...sets].sort(([a], [b]) => a.localeCompare(b)))
    floors.push({
      set,
      bundle: await bundleSource(`floor-${set.replaceAll("+", "-")}`, floorSource(clients)),
    });

  const [emptyMs = Number.NaN, ...times] = initMs(
    [empty, ...floors.map((f) => f.bundle), ...functions.map((f) => f.bundle)].map((b) => b.file),
  );
  return {
    empty: { name: "(empty handler)", initMs: emptyMs },
    floors: new Map(floors.map((f, i) => [f.set, { name: f.set, initMs: times[i] ?? Number.NaN }])),
    functions: functions.map((f, i) => ({
      name: f.name,
      clients: f.bundle.clients,
      bytes: statSync(f.bundle.file).size,
      pdfLibBytes: f.bundle.pdfLibBytes,
      initMs: times[floors.length + i] ?? Number.NaN,
    })),
  };
}
