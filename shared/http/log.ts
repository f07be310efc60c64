/** Structured log lines. Only names, ids and counts go in: never tokens, bodies or personal data. */

type Fields = Record<string, string | number | boolean | undefined>;

export interface LogOptions {
  /** Write only error lines (the local runtime's `quiet`, the tests). */
  quiet: boolean;
}

let options: LogOptions = { quiet: false };

/**
 * Set by what runs the handlers (the local runtime, the tests' setup), never read from the environment here;
 * returns the options it replaces, so that they can be put back.
 */
export function configureLog(next: LogOptions): LogOptions {
  const previous = options;
  options = { ...next };
  return previous;
}

/** What a log line says of an error: its name only, never its message (which may quote personal data). */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "unknown";
}

export function log(level: "info" | "warn" | "error", message: string, fields: Fields = {}): void {
  const line = JSON.stringify({ level, message, ...fields, time: new Date().toISOString() });
  if (level === "error") console.error(line);
  else if (!options.quiet) console.log(line);
}

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]{2,}/g;
/** A long run of token characters: a link token, a task token, a key. */
const TOKEN = /[A-Za-z0-9_+/=-]{40,}/g;

/**
 * An error's message as it may be logged: email addresses and token-like strings replaced. A dependency's
 * message may quote what it was given: SES names the recipient it rejects.
 */
export function loggableMessage(message: string): string {
  return message.replace(EMAIL, "<email>").replace(TOKEN, "<token>");
}
