/** Pending `.waitForTaskToken` callbacks: fresh opaque task tokens, their timeouts, and closed tokens. */
import { randomBytes } from "node:crypto";
import { SfnError } from "./sfn-errors.ts";
import { statesTimeoutError } from "./states-timeout.ts";

/** How a callback ended, for the journal: its output, or an error name and cause. */
export type CallbackOutcome =
  | { kind: "result"; value: unknown }
  | { kind: "error"; error: string; cause: string };

interface Pending {
  readonly executionArn: string;
  readonly stateName: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout | undefined;
  /** Runs (journals) before the task resumes, so that an acknowledged outcome survives a restart. */
  readonly beforeSettle: ((outcome: CallbackOutcome) => Promise<void>) | undefined;
}

/** How many closed tokens are remembered (to answer TaskTimedOut rather than TaskDoesNotExist). */
const CLOSED_MEMORY = 50_000;

export class CallbackRegistry {
  private readonly pending = new Map<string, Pending>();
  private readonly closed = new Set<string>();

  /**
   * Opens a callback with a fresh token (or, resuming after a restart, the journalled one). When `timeoutMs`
   * passes first, the token closes and the task fails with the engine's own States.Timeout error.
   */
  open(
    executionArn: string,
    stateName: string,
    timeoutMs: number | undefined,
    options: { token?: string; beforeSettle?: (outcome: CallbackOutcome) => Promise<void> } = {},
  ): { token: string; promise: Promise<unknown> } {
    const token = options.token ?? randomBytes(32).toString("base64url");
    const beforeSettle = options.beforeSettle;
    const { promise, resolve, reject } = Promise.withResolvers<unknown>();
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(
            () => {
              if (!this.pending.has(token)) return;
              this.close(token);
              const outcome = { kind: "error", error: "States.Timeout", cause: "Task timed out" } as const;
              Promise.resolve(beforeSettle?.(outcome))
                .then(() => statesTimeoutError())
                .then(reject, reject);
            },
            Math.max(0, timeoutMs),
          );
    this.pending.set(token, { executionArn, stateName, resolve, reject, timer, beforeSettle });
    return { token, promise };
  }

  async succeed(token: string, value: unknown): Promise<void> {
    const pending = this.take(token);
    await pending.beforeSettle?.({ kind: "result", value });
    pending.resolve(value);
  }

  async fail(token: string, error: Error): Promise<void> {
    const pending = this.take(token);
    await pending.beforeSettle?.({ kind: "error", error: error.name, cause: error.message });
    pending.reject(error);
  }

  heartbeat(token: string): void {
    this.check(token);
  }

  /** Closes a token without settling it (its task ended some other way). */
  close(token: string): void {
    const pending = this.pending.get(token);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(token);
    this.remember(token);
  }

  /** Rejects every callback of an execution being stopped, so the engine's timers are cleared. */
  abortExecution(executionArn: string, error: Error): void {
    for (const [token, p] of [...this.pending]) {
      if (p.executionArn !== executionArn) continue;
      this.close(token);
      p.reject(error);
    }
  }

  /** The states of an execution waiting for a callback (no tokens). */
  waiting(executionArn: string): string[] {
    return [...this.pending.values()].filter((p) => p.executionArn === executionArn).map((p) => p.stateName);
  }

  private check(token: string): Pending {
    if (typeof token !== "string" || token.length === 0 || token.length > 2048)
      throw new SfnError("InvalidToken", "Invalid token");
    const pending = this.pending.get(token);
    if (pending) return pending;
    if (this.closed.has(token))
      throw new SfnError("TaskTimedOut", "Task Timed Out: the task of this token has already closed");
    throw new SfnError("TaskDoesNotExist", "Task does not exist anymore");
  }

  private take(token: string): Pending {
    const pending = this.check(token);
    this.close(token);
    return pending;
  }

  private remember(token: string): void {
    this.closed.add(token);
    if (this.closed.size > CLOSED_MEMORY) {
      const oldest = this.closed.values().next().value;
      if (oldest !== undefined) this.closed.delete(oldest);
    }
  }
}
