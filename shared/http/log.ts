/** Structured log lines. Only names, ids and counts go in: never tokens, bodies or personal data. */

type Fields = Record<string, string | number | boolean | undefined>;

export function log(level: "info" | "warn" | "error", message: string, fields: Fields = {}): void {
  const line = JSON.stringify({ level, message, ...fields, time: new Date().toISOString() });
  if (level === "error") console.error(line);
  else if (process.env.PARTNERFLOW_QUIET !== "1") console.log(line);
}
