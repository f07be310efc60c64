/**
 * Every function, bundled as it ships, checked against what its stack gives it on Lambda.
 * - It starts with exactly the environment its template sets. The local runtime and the other tests run every
 *   handler with the union of all functions' variables, so a handler that reads a variable only other
 *   functions are given would pass them and fail at its first cold start on AWS.
 * - Its role allows every AWS API call its bundle can make, and each of its catalog grants is used. Locally
 *   nothing checks IAM, so a missing grant would show first as AccessDenied on AWS.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Template } from "aws-cdk-lib/assertions";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "#infra/build-app.ts";
import { ALL_FUNCTIONS, type FunctionSpec, type Grant } from "#infra/function-catalog.ts";
import { BUNDLING_ROOT, esbuildOptions } from "#infra/lambda-bundling.ts";
import { buildLocalModel, type LocalFunction } from "#infra/local/template.ts";

const dir = mkdtempSync(join(tmpdir(), "partnerflow-init-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { stateful, application } = buildApp({ bundle: false });
const model = buildLocalModel({
  [stateful.stackName]: Template.fromStack(stateful).toJSON(),
  [application.stackName]: Template.fromStack(application).toJSON(),
});

/** What Lambda itself sets in every function's environment (the reserved variables), with dummy credentials. */
function lambdaReserved(fn: LocalFunction): Record<string, string> {
  return {
    AWS_REGION: "eu-west-1",
    AWS_DEFAULT_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "ASIAEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_SESSION_TOKEN: "session",
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x",
    LAMBDA_TASK_ROOT: "/var/task",
    TZ: ":UTC",
  };
}

/** Imports the bundle in a fresh Node with only `env`; the exit code and what it printed. */
function initialise(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--input-type=module", "-e", `await import(${JSON.stringify(pathToFileURL(file).href)});`],
      { env, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    // A failure prints the bundle's minified line first: keep what a person reads (the error and its stack).
    child.on("close", (code) =>
      resolve({
        code,
        stderr: stderr
          .split("\n")
          .filter((line) => line.length < 300)
          .join("\n")
          .trim(),
      }),
    );
  });
}

const bundles = new Map<string, { file: string; inputs: string[] }>();
beforeAll(async () => {
  await Promise.all(
    ALL_FUNCTIONS.map(async ({ name }) => {
      const outfile = join(dir, name, "index.mjs");
      const { metafile } = await build({
        ...esbuildOptions(join(BUNDLING_ROOT, "functions", name, "handler.ts"), outfile),
        metafile: true,
        logLevel: "silent",
      });
      // The source files that put code into the bundle (a file tree-shaken away is listed with 0 bytes).
      const output = Object.values(metafile?.outputs ?? {}).find((o) => o.entryPoint !== undefined);
      const inputs = Object.entries(output?.inputs ?? {})
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path);
      bundles.set(name, { file: outfile, inputs });
    }),
  );
  // Every function bundled at once: over a minute on a busy two-core machine in the full run.
}, 180_000);

function bundleOf(name: string): { file: string; inputs: string[] } {
  const bundle = bundles.get(name);
  if (!bundle) throw new Error(`${name} was not bundled`);
  return bundle;
}

/** The IAM service prefix of each SDK client package the functions bundle. */
const SERVICE_OF_CLIENT: Readonly<Record<string, string>> = {
  "client-dynamodb": "dynamodb",
  "client-sfn": "states",
  "client-ses": "ses",
  "client-s3": "s3",
  "client-kms": "kms",
  "client-scheduler": "scheduler",
};

/** The calls whose IAM action has another name than the API operation. */
const ACTION_OF_CALL: Readonly<Record<string, string>> = { "s3:ListObjectsV2": "s3:ListBucket" };

/** The IAM actions of the SDK commands in a bundle: .../@aws-sdk/client-sfn/dist-es/commands/SendTaskSuccessCommand.js → states:SendTaskSuccess. */
function apiCallsOf(inputs: readonly string[]): string[] {
  const calls = new Set<string>();
  for (const input of inputs) {
    const match = /@aws-sdk\/(client-[a-z0-9-]+)\/dist-es\/commands\/([A-Za-z0-9]+)Command\.js$/.exec(input);
    if (!match) continue;
    const [, client = "", operation = ""] = match;
    const service = SERVICE_OF_CLIENT[client];
    if (!service)
      throw new Error(`No IAM service is known for @aws-sdk/${client}: add it to SERVICE_OF_CLIENT`);
    calls.add(ACTION_OF_CALL[`${service}:${operation}`] ?? `${service}:${operation}`);
  }
  return [...calls].sort();
}

const appTemplate = Template.fromStack(application).toJSON() as {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};

/** The actions the policies on the function's role allow (IAM wildcards kept as they are). */
function allowedActions(fn: LocalFunction): string[] {
  const role = appTemplate.Resources[fn.logicalId]?.Properties.Role as { "Fn::GetAtt": [string] };
  const roleRef = JSON.stringify({ Ref: role["Fn::GetAtt"][0] });
  return Object.values(appTemplate.Resources)
    .filter((r) => r.Type === "AWS::IAM::Policy")
    .filter((r) => (r.Properties.Roles as unknown[]).some((ref) => JSON.stringify(ref) === roleRef))
    .flatMap(
      (r) =>
        (r.Properties.PolicyDocument as { Statement: { Effect: string; Action: string | string[] }[] })
          .Statement,
    )
    .filter((statement) => statement.Effect === "Allow")
    .flatMap((statement) => [statement.Action].flat());
}

const allows = (allowed: readonly string[], action: string) =>
  allowed.some((pattern) => new RegExp(`^${pattern.replaceAll("*", ".*")}$`).test(action));

/**
 * Calls a bundle contains that the function never makes, tolerated with the reason why.
 * - DescribeEndpoints: the DynamoDB client bundles endpoint discovery, which is off unless configured.
 * - The repository is one class, so a function granted only table-read bundles its write methods too; its
 *   role, which these tests hold to its catalog grants, keeps it from using them.
 * - CreateSession: the S3 client bundles the session auth of S3 Express directory buckets, used only for a
 *   directory bucket; the evidence bucket is a general purpose one.
 */
function neverCalled(call: string, spec: FunctionSpec): boolean {
  if (call === "dynamodb:DescribeEndpoints" || call === "s3:CreateSession") return true;
  return !spec.grants.includes("table-write") && GRANT_USES["table-write"].test(call);
}

/**
 * What each catalog grant is for: the calls of which at least one must be in the bundle. Only the grants whose
 * use a bundle shows are held to it: every function that touches the table bundles the one repository class,
 * reads and writes alike, so whether it needs table-read or table-write is not visible here (its handler
 * tests assert what it writes).
 */
const GRANT_USES: Readonly<Record<Grant, RegExp>> = {
  "table-read": /^dynamodb:(GetItem|BatchGetItem|Query|Scan)$/,
  "table-write": /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/,
  "start-execution": /^states:StartExecution$/,
  "start-renewal": /^states:StartExecution$/,
  "start-review": /^states:StartExecution$/,
  "review-schedule": /^scheduler:(Create|Update|Delete)Schedule$/,
  "review-schedule-cancel": /^scheduler:DeleteSchedule$/,
  "task-response": /^states:SendTask(Success|Failure|Heartbeat)$/,
  "stop-execution": /^states:StopExecution$/,
  "send-email": /^ses:Send(Raw)?Email$/,
  // A presigned link is a GetObject signed with the function's credentials: it is in the bundle all the same.
  "evidence-read": /^s3:GetObject$/,
  "evidence-write": /^s3:PutObject$/,
  "checkpoint-read": /^(s3:(GetObject|ListBucket)|kms:GetPublicKey)$/,
  "checkpoint-write": /^(s3:PutObject|kms:Sign)$/,
  "personal-data": /^kms:(GenerateDataKey|Decrypt)$/,
};

describe("function init with the stack's environment only", () => {
  it("covers every function in the catalog", () => {
    expect(model.functions.map((f) => f.name).sort()).toEqual(ALL_FUNCTIONS.map((f) => f.name).sort());
  });

  it.each(ALL_FUNCTIONS.map((f) => f.name))("%s starts", async (name) => {
    const fn = model.functions.find((f) => f.name === name);
    if (!fn) throw new Error(`${name} was not synthesised`);
    const result = await initialise(bundleOf(name).file, { ...fn.environment, ...lambdaReserved(fn) });
    expect(result).toEqual({ code: 0, stderr: "" });
  });
});

describe("function permissions against the calls in its bundle", () => {
  it("finds the calls a bundle makes (a function known to call Step Functions, DynamoDB and SES)", () => {
    expect(apiCallsOf(bundleOf("submit-intake").inputs)).toEqual(
      expect.arrayContaining([
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "ses:SendEmail",
        "states:StartExecution",
      ]),
    );
    for (const name of ["render-intake-form", "get-favicon", "not-found"])
      expect(apiCallsOf(bundleOf(name).inputs), name).toEqual([]);
  });

  it.each(ALL_FUNCTIONS.map((f) => [f.name, f] as const))(
    "%s may make every call its bundle contains, and uses its Step Functions and SES grants",
    (name, spec) => {
      const fn = model.functions.find((f) => f.name === name);
      if (!fn) throw new Error(`${name} was not synthesised`);
      const allowed = allowedActions(fn);
      const calls = apiCallsOf(bundleOf(name).inputs);
      expect(calls.filter((call) => !allows(allowed, call) && !neverCalled(call, spec))).toEqual([]);
      const visible = spec.grants.filter((grant) => grant !== "table-read" && grant !== "table-write");
      const unused = visible.filter((grant) => !calls.some((call) => GRANT_USES[grant].test(call)));
      expect(unused).toEqual([]);
    },
  );
});
