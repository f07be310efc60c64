/**
 * Every function, bundled as it ships, starts with exactly the environment its stack gives it on Lambda.
 * The local runtime and the other tests run every handler with the union of all functions' variables, so a
 * handler that reads a variable only other functions are given would pass them and fail at its first cold
 * start on AWS.
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
import { ALL_FUNCTIONS } from "#infra/function-catalog.ts";
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

const bundles = new Map<string, string>();
beforeAll(async () => {
  await Promise.all(
    ALL_FUNCTIONS.map(async ({ name }) => {
      const outfile = join(dir, name, "index.mjs");
      await build({
        ...esbuildOptions(join(BUNDLING_ROOT, "functions", name, "handler.ts"), outfile),
        logLevel: "silent",
      });
      bundles.set(name, outfile);
    }),
  );
}, 60_000);

describe("function init with the stack's environment only", () => {
  it("covers every function in the catalog", () => {
    expect(model.functions.map((f) => f.name).sort()).toEqual(ALL_FUNCTIONS.map((f) => f.name).sort());
  });

  it.each(ALL_FUNCTIONS.map((f) => f.name))("%s starts", async (name) => {
    const fn = model.functions.find((f) => f.name === name);
    const file = bundles.get(name);
    if (!fn || !file) throw new Error(`${name} was not synthesised or bundled`);
    const result = await initialise(file, { ...fn.environment, ...lambdaReserved(fn) });
    expect(result).toEqual({ code: 0, stderr: "" });
  });
});
