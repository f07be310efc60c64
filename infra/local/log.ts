/** Structured log lines for the local runtime: names, ids and counts only, never tokens, bodies or personal data. */

export type LogFields = Record<string, string | number | boolean | undefined>;
export type Logger = (level: "info" | "warn" | "error", message: string, fields?: LogFields) => void;

export function consoleLogger(quiet = false): Logger {
  return (level, message, fields = {}) => {
    if (quiet && level !== "error") return;
    const line = JSON.stringify({ level, message, ...fields, time: new Date().toISOString() });
    if (level === "error") console.error(line);
    else console.log(line);
  };
}

/** What a log line says of an error: its name only, never its message. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "unknown";
}
