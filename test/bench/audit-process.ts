/** Runs the audit section (audit.ts) in a fresh Node (audit-child.ts says why) and reads back its rows. */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import type { Row } from "./table.ts";

const ROOT = resolve(import.meta.dirname, "../..");

export function measureAuditApart(): { rows: Row[]; notes: string[] } {
  const out = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "test/bench/audit-child.ts")],
    {
      cwd: ROOT,
      env: process.env,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const last = out.stdout.trimEnd().split("\n").at(-1) ?? "";
  if (out.status !== 0 || !last.startsWith("{"))
    throw new Error(`the audit bench failed (exit ${out.status})`);
  return JSON.parse(last) as { rows: Row[]; notes: string[] };
}
