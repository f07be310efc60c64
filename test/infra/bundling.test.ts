/** The Lambda bundling of infra/lambda-bundling.ts: the SDK is bundled without its credential chain and still signs. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodejsBundling } from "#infra/constructs/partnerflow-function.ts";
import { BUNDLING_ROOT, esbuildOptions, LAMBDA_BUNDLING } from "#infra/lambda-bundling.ts";
import { credentialsFromEnv } from "#shared/adapters/credentials-from-env.ts";

const dir = mkdtempSync(join(tmpdir(), "partnerflow-bundling-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A handler-like module: a DynamoDB client built at init, one GetItem. */
const ENTRY = `
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
const client = new DynamoDBClient({});
await client.send(new GetItemCommand({ TableName: "t", Key: { pk: { S: "k" } } }));
process.exit(0);
`;

describe("Lambda bundling", () => {
  let outfile: string;
  let inputs: string[];

  beforeAll(async () => {
    outfile = join(dir, "index.mjs");
    const { entryPoints: _, ...options } = esbuildOptions("entry.mjs", outfile);
    const result = await build({
      ...options,
      stdin: { contents: ENTRY, resolveDir: BUNDLING_ROOT, sourcefile: "entry.mjs" },
      metafile: true,
      logLevel: "silent",
    });
    inputs = Object.keys((result.metafile as Metafile).inputs);
  });

  it("bundles the AWS SDK, without the default credential chain", () => {
    expect(inputs.some((i) => i.includes("@aws-sdk/client-dynamodb/dist-es/"))).toBe(true);
    for (const left of [
      "credential-provider-node",
      "credential-provider-ini",
      "credential-provider-sso",
      "nested-clients",
    ]) {
      expect(inputs.filter((i) => i.includes(`@aws-sdk/${left}/`))).toEqual([]);
    }
    expect(inputs).toContain("shared/adapters/credentials-from-env.ts");
  });

  it("leaves out the event-stream support no bundled client uses, and says so if it is ever asked for", async () => {
    expect(inputs.filter((i) => i.includes("@smithy/core/dist-es/submodules/event-streams/"))).toEqual([]);
    const file = join(dir, "event-streams.mjs");
    const { entryPoints: _, ...options } = esbuildOptions("entry.mjs", file);
    await build({
      ...options,
      // S3's client imports two of its names when built: importing works, asking for event streams does not.
      stdin: {
        contents:
          'const streams = await import("@smithy/core/event-streams"); streams.resolveEventStreamSerdeConfig({}); streams.eventStreamSerdeProvider({});',
        resolveDir: BUNDLING_ROOT,
      },
      logLevel: "silent",
    });
    const { code, stderr } = await run(file, {});
    expect(code).not.toBe(0);
    expect(stderr).toContain("@smithy/core/event-streams is left out of the Lambda bundles");
  });

  it("signs with the credentials Lambda puts in the environment", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      response.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const { code } = await run(outfile, {
        AWS_REGION: "eu-west-1",
        AWS_ACCESS_KEY_ID: "AKIDFROMENVIRONMENT",
        AWS_SECRET_ACCESS_KEY: "secret",
        AWS_SESSION_TOKEN: "session-token",
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
      });
      expect(code).toBe(0);
    } finally {
      server.close();
    }
    const headers = only(seen);
    expect(headers.authorization).toMatch(
      /Credential=AKIDFROMENVIRONMENT\/\d{8}\/eu-west-1\/dynamodb\/aws4_request/,
    );
    expect(headers["x-amz-security-token"]).toBe("session-token");
  });

  it("fails with a clear error where the environment has no credentials", () => {
    expect(() => credentialsFromEnv({ AWS_ACCESS_KEY_ID: "only-the-key" })).toThrow(
      /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set/,
    );
    expect(credentialsFromEnv({ AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "s" })).toEqual({
      accessKeyId: "a",
      secretAccessKey: "s",
      $source: { CREDENTIALS_ENV_VARS: "g" },
    });
  });

  it("maps a failed task's stack back to the sources, on demand", async () => {
    const file = join(dir, "failing-task.mjs");
    const { entryPoints: _, ...options } = esbuildOptions("entry.mjs", file);
    await build({
      ...options,
      stdin: {
        contents: [
          'import { taskHandler } from "#shared/http/task-handler.ts";',
          'import * as z from "#shared/schemas/zod.ts";',
          "const handler = taskHandler(z.object({}), async () => {",
          '  throw new Error("the task failed");',
          "});",
          "await handler({}, { functionName: 'failing-task' }).catch((error) => console.log(error.stack));",
        ].join("\n"),
        resolveDir: BUNDLING_ROOT,
        sourcefile: "failing-task.ts",
      },
      logLevel: "silent",
    });
    const { code, stdout } = await run(file, {});
    expect(code).toBe(0);
    const [message, top] = stdout.split("\n");
    expect(message).toBe("Error: the task failed");
    expect(top).toMatch(/failing-task\.ts:4:9\)?$/);
    expect(stdout).toMatch(/shared\/http\/task-handler\.ts:\d+:\d+/);
    expect(stdout).not.toContain("failing-task.mjs:");
  });

  it("keeps the domain errors' names, which Step Functions catches, through minification", async () => {
    const file = join(dir, "errors.mjs");
    const { entryPoints: _, ...options } = esbuildOptions("entry.mjs", file);
    await build({
      ...options,
      stdin: {
        contents: [
          'import * as errors from "#shared/domain/errors.ts";',
          "const named = Object.entries(errors).filter(([, E]) => E !== errors.DomainError);",
          'console.log(JSON.stringify(named.map(([exported, E]) => [exported, new E("m").name])));',
        ].join("\n"),
        resolveDir: BUNDLING_ROOT,
      },
      logLevel: "silent",
    });
    const names = JSON.parse((await run(file, {})).stdout) as [string, string][];
    for (const [exported, name] of names) expect(name).toBe(exported);
    // The ones a state machine or a handler tells apart by name.
    expect(names.map(([, name]) => name)).toEqual(
      expect.arrayContaining([
        "PartnershipNotFoundError",
        "IllegalTransitionError",
        "ValidationError",
        "LedgerConflictError",
        "LinkUsedError",
      ]),
    );
  });

  it("takes node:http as CommonJS exports, so that a cold start does not load Node's undici", async () => {
    const file = join(dir, "node-http.mjs");
    const { entryPoints: _, ...options } = esbuildOptions("entry.mjs", file);
    await build({
      ...options,
      stdin: {
        contents: [
          'import { createError } from "@middy/util";',
          'import http, { STATUS_CODES } from "node:http";',
          'import { request } from "http";',
          "const undici = process.moduleLoadList.filter((m) => m.includes('undici'));",
          "console.log(JSON.stringify({ undici, notFound: STATUS_CODES[404], same: http.request === request,",
          "  error: createError(404).message, server: typeof http.createServer }));",
        ].join("\n"),
        resolveDir: BUNDLING_ROOT,
      },
      logLevel: "silent",
    });
    const { code, stdout } = await run(file, {});
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      undici: [],
      notFound: "Not Found",
      same: true,
      error: "Not Found",
      server: "function",
    });
  });

  it("gives CDK the same options as the bench", () => {
    const cdk = nodejsBundling(LAMBDA_BUNDLING);
    const bench = esbuildOptions("entry.ts", "out/index.mjs");
    expect(bench.absWorkingDir).toBe(BUNDLING_ROOT);
    expect(cdk).toMatchObject({
      format: bench.format,
      target: bench.target,
      minify: bench.minify,
      sourceMap: bench.sourcemap,
      sourcesContent: bench.sourcesContent,
      mainFields: bench.mainFields,
      externalModules: bench.external,
      banner: bench.banner?.js,
    });
    expect(cdk.esbuildArgs?.["--alias"]).toEqual(
      Object.entries(bench.alias ?? {}).map(([from, to]) => `${from}=${to}`),
    );
  });
});

/** Runs a bundle in a fresh Node with only these environment variables (and PATH). */
function run(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}
