/**
 * What the ledger keeps of a failed state's Cause, and the lead reads in the inbox. A Lambda error's Cause is
 * its JSON (`errorType`, `errorMessage`, `trace`): the message may quote what the task was given (an email
 * address, a person's name, a street), and no pattern can tell a name from other words. So a message is kept
 * only of the errors whose messages this code builds from ids and codes alone (MESSAGE_KEPT), and even then
 * with email addresses, URLs and long opaque strings (tokens, keys) replaced, on one line, cut to CAUSE_LIMIT
 * characters. Any other Cause (another error's, a Pass's: it may quote the decision) is not kept: the error's
 * name says what failed, and Step Functions' own history (kept 90 days) has the rest for whoever investigates.
 */

/** How much of a message is kept: enough to say what went wrong, too little to hold a document. */
export const CAUSE_LIMIT = 200;

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/g;
const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;
/** 32 or more characters of base64, base64url or hex in a row: a token, a key, a hash. */
const OPAQUE = /[A-Za-z0-9+/_=-]{32,}/g;

/** The message with what may be personal or secret replaced, on one line, cut short. */
export function redactMessage(message: string): string {
  const redacted = message
    .replace(URL_LIKE, "[link]")
    .replace(EMAIL, "[email]")
    .replace(OPAQUE, "[redacted]")
    .replace(/\s+/g, " ")
    .trim();
  return redacted.length > CAUSE_LIMIT ? `${redacted.slice(0, CAUSE_LIMIT - 1)}…` : redacted;
}

/**
 * The errors whose messages name only ids, stages and codes (shared/domain/errors.ts: "No partnership <id>", "A
 * partnership cannot move from <stage> to <stage>"): a ValidationError's, say, may quote what was typed.
 */
const MESSAGE_KEPT: ReadonlySet<string> = new Set([
  "IllegalTransitionError",
  "PartnershipNotFoundError",
  "LedgerConflictError",
  "NoOfficerAvailableError",
]);

/** The safe part of a failed state's Cause (see the module's comment): "" when none is kept. */
export function safeCause(cause: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cause);
  } catch {
    return "";
  }
  const { errorType, errorMessage } = (parsed ?? {}) as { errorType?: unknown; errorMessage?: unknown };
  if (typeof errorType !== "string" || !MESSAGE_KEPT.has(errorType)) return "";
  return typeof errorMessage === "string" ? redactMessage(errorMessage) : "";
}

/** An error's name as the ledger keeps it: a name, not a sentence (an error's name is code, not input). */
export function safeErrorName(error: string): string {
  const name = error.replace(/[^\w.:-]/g, "").slice(0, 100);
  return name || "UnknownError";
}
