/**
 * How every function is bundled and started: the one definition that PartnerflowFunction hands to CDK's
 * NodejsFunction and that the bench (test/bench/bundles.ts) hands to esbuild, so that the bench measures what
 * ships. Plain data, no CDK import: the bench loads it without aws-cdk-lib.
 */
import { resolve } from "node:path";
import type { BuildOptions } from "esbuild";

/** The repository root: esbuild's working directory, against which the alias paths below are resolved. */
export const BUNDLING_ROOT = resolve(import.meta.dirname, "..");

export interface LambdaBundling {
  readonly format: "esm";
  readonly target: string;
  readonly minify: boolean;
  readonly sourceMap: boolean;
  /** Whether the source map embeds the sources; stack traces need only the mappings. */
  readonly sourcesContent: boolean;
  readonly mainFields: readonly string[];
  /** Modules left to the runtime. */
  readonly external: readonly string[];
  /** Import path -> replacement, relative to BUNDLING_ROOT (CDK runs esbuild in the project root). */
  readonly alias: Readonly<Record<string, string>>;
  readonly banner: string;
}

export const LAMBDA_BUNDLING: LambdaBundling = {
  format: "esm",
  target: "node24",
  minify: true,
  sourceMap: true,
  // Read only to map a failure's stack (shared/http/stack-trace.ts), which needs no sources: 3x smaller.
  sourcesContent: false,
  // The ESM builds (dist-es) of the AWS SDK, so that esbuild keeps only what the handler uses.
  mainFields: ["module", "main"],
  // The AWS SDK is bundled, not left to the runtime: the runtime's copy is the CommonJS build, loaded file by
  // file with the whole credential chain. Tree-shaken into the bundle, with the credential alias below, it made
  // the cold start of an SDK-using function 35-50 ms shorter (as `npm run bench` measures).
  external: [],
  alias: {
    // Lambda gives a function its credentials in environment variables; the SDK's default chain (SSO, ini
    // files, web identity, container and instance metadata, with the STS and SSO clients) never gets past its
    // first link there, yet costs ~115 KiB of bundle to parse at every cold start.
    "@aws-sdk/credential-provider-node": "./shared/adapters/credentials-from-env.ts",
    // Loaded by the SDK only for operations that stream events, which none of our clients has.
    "@smithy/core/event-streams": "./shared/adapters/event-streams-not-bundled.ts",
    // node:http as CommonJS exports, not through its ESM namespace, whose lazy getters load undici.
    "node:http": "./shared/adapters/node-http-commonjs.cjs",
    http: "./shared/adapters/node-http-commonjs.cjs",
  },
  // Bundled CommonJS dependencies still call require(); ESM output has none unless we make one.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
};

/**
 * Environment variables every function starts with, before its own; the bench starts its processes with them.
 * No NODE_OPTIONS=--enable-source-maps: with it Node reads the map and measures every line of the bundle at
 * each cold start (5-10 ms, measured as the bench does), though only a failure's stack needs the map; the task
 * handlers map those on demand (shared/http/stack-trace.ts), HTTP handlers log no stacks.
 */
export const LAMBDA_ENVIRONMENT: Readonly<Record<string, string>> = {};

/**
 * LAMBDA_BUNDLING as esbuild's own options, for one entry: what NodejsFunction runs on the CLI. Every field is
 * destructured, so a field added to LambdaBundling fails to compile here until it is mapped (as in the construct).
 */
export function esbuildOptions(entry: string, outfile: string, bundling = LAMBDA_BUNDLING): BuildOptions {
  const { format, target, minify, sourceMap, sourcesContent, mainFields, external, alias, banner, ...rest } =
    bundling;
  const unmapped: Record<string, never> = rest;
  return {
    ...unmapped,
    entryPoints: [entry],
    outfile,
    absWorkingDir: BUNDLING_ROOT,
    bundle: true,
    platform: "node",
    format,
    target,
    minify,
    sourcemap: sourceMap,
    sourcesContent,
    mainFields: [...mainFields],
    external: [...external],
    alias: { ...alias },
    banner: { js: banner },
  };
}
