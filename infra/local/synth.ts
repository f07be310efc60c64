/** Synthesizes the CDK app of infra/build-app.ts (no bundling), cached by a fingerprint of what shapes it. */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { StackTemplates } from "./template.ts";

export const STACK_NAMES = ["Partnerflow-Stateful", "Partnerflow-App"] as const;

const ROOT = resolve(import.meta.dirname, "../..");
const CACHE_DIR = join(ROOT, "node_modules", ".cache", "partnerflow");

interface Assembly {
  getStackByName(name: string): { template: unknown };
}
interface Built {
  app: { synth(): Assembly };
}

function isBuilt(value: unknown): value is Built {
  const app = (value as { app?: { synth?: unknown } } | null)?.app;
  return typeof app?.synth === "function";
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((path) => !path.startsWith(join("infra", "local")));
}

/**
 * Everything the templates are made from: CDK code, workflows, step descriptors, context and the locked dependency versions,
 * and where the checkout is. With bundling skipped, CDK's asset hashes (the functions' S3Keys) include
 * absolute paths, and git worktrees may share one node_modules, so one cache, with their checkouts elsewhere.
 */
export function synthFingerprint(): string {
  // The human steps' descriptors shape the routes and the state machine (shared/steps/).
  const paths = [
    ...filesUnder("infra"),
    ...filesUnder("workflows"),
    ...filesUnder(join("shared", "steps")),
    "cdk.json",
    "package-lock.json",
  ].sort();
  const hash = createHash("sha256").update(ROOT).update("\0");
  for (const path of paths)
    hash
      .update(path)
      .update("\0")
      .update(readFileSync(join(ROOT, path)))
      .update("\0");
  return hash.digest("hex").slice(0, 32);
}

async function synthesize(): Promise<StackTemplates> {
  // Loaded only on a cache miss: importing aws-cdk-lib and synthesizing is most of the start time.
  const mod = (await import(new URL("../build-app.ts", import.meta.url).href)) as { buildApp?: unknown };
  if (typeof mod.buildApp !== "function") throw new Error("infra/build-app.ts does not export buildApp");
  const built: unknown = await mod.buildApp({ bundle: false });
  if (!isBuilt(built)) throw new Error("buildApp({ bundle: false }) did not return { app }");
  const assembly = built.app.synth();
  return Object.fromEntries(
    STACK_NAMES.map((name) => [name, assembly.getStackByName(name).template as StackTemplates[string]]),
  );
}

export async function synthTemplates(options: { cache?: boolean } = {}): Promise<StackTemplates> {
  if (options.cache === false) return synthesize();
  const file = join(CACHE_DIR, `synth-${synthFingerprint()}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as StackTemplates;
  const templates = await synthesize();
  mkdirSync(CACHE_DIR, { recursive: true });
  // Written whole then renamed, so a parallel test run never reads half a file.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(templates));
  renameSync(partial, file);
  return templates;
}
