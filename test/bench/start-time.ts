/** Local start time: from `npm start`'s process launch until the app answers, with a fresh data directory. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

export async function measureStart(options: {
  synthCache: boolean;
}): Promise<{ ms: number; reportedMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), "partnerflow-start-"));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "infra/local/main.ts")],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: "0",
        DYNAMODB_PORT: "0",
        SES_PORT: "0",
        SFN_PORT: "0",
        S3_PORT: "0",
        DATA_DIR: dataDir,
        PARTNERFLOW_QUIET: "1",
        PARTNERFLOW_SYNTH_CACHE: options.synthCache ? "1" : "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  try {
    const output = await new Promise<string>((resolveOutput, reject) => {
      let text = "";
      const timer = setTimeout(() => reject(new Error(`npm start did not come up: ${text}`)), 60_000);
      child.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (/App \(API and pages\)\s+http:\S+/.test(text)) {
          clearTimeout(timer);
          resolveOutput(text);
        }
      });
      child.on("exit", (code) => reject(new Error(`npm start exited with ${code}: ${text}`)));
    });
    const app = /App \(API and pages\)\s+(http:\S+)/.exec(output)?.[1] as string;
    await fetch(new URL("/healthz", app));
    const ms = performance.now() - started;
    return { ms, reportedMs: Number(/started in (\d+) ms/.exec(output)?.[1] ?? Number.NaN) };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
