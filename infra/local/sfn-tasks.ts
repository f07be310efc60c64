/** Runs one Task state attempt: replays its journalled outcome, or invokes the Lambda (or opens a callback). */
import { randomUUID } from "node:crypto";
import { functionNameOf, type TaskKind, withStateName, withTaskToken } from "./asl.ts";
import type { CallbackOutcome, CallbackRegistry } from "./callbacks.ts";
import type { JournalCallback, JournalStep } from "./journal.ts";
import { LambdaFunctionError } from "./lambda.ts";
import { abortedError, isAborted, taskError } from "./sfn-errors.ts";
import type { Execution } from "./sfn-types.ts";
import { statesTimeoutError } from "./states-timeout.ts";

export interface TaskRunnerDeps {
  readonly callbacks: CallbackRegistry;
  readonly invoke: (functionName: string, payload: unknown) => Promise<unknown>;
  /** Writes to the journal (tracked, so that stopping waits for them; failures are logged, not thrown). */
  readonly write: (e: Execution, key: string, step: JournalStep) => Promise<void>;
  /** The configured retry intervals, restored when an execution goes live after replaying. */
  readonly retryIntervals: Readonly<Record<string, number>>;
  /** The runtime is stopping: no new task attempts (they resume after a restart). */
  readonly stopping: () => boolean;
}

export class TaskRunner {
  /** Lambda invocations under way: a graceful stop lets them finish and journals their outcome. */
  private readonly invocations = new Set<Promise<unknown>>();

  constructor(private readonly deps: TaskRunnerDeps) {}

  /** Waits (at most `ms`) for the Lambda invocations under way. */
  async drain(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    const all = Promise.allSettled([...this.invocations]);
    await Promise.race([all, cap]);
    clearTimeout(timer);
  }

  async run(e: Execution, stateName: string, task: TaskKind, input: unknown): Promise<unknown> {
    if (e.status !== "RUNNING" || e.detached || this.deps.stopping()) throw abortedError();
    const occurrence = (e.occurrences.get(stateName) ?? 0) + 1;
    e.occurrences.set(stateName, occurrence);
    const key = `${stateName}#${occurrence}`;
    const journalled = e.replay?.outcomes.get(key);
    if (journalled?.kind === "result") return journalled.value;
    if (journalled?.kind === "error") throw await replayError(journalled.error, journalled.cause);
    const inFlight = e.replay?.callbacks.get(key);
    this.goLive(e);
    try {
      const value = await this.live(e, stateName, task, input, key, inFlight);
      if (task.kind !== "callback") await this.deps.write(e, key, { kind: "result", value });
      return value;
    } catch (error) {
      const err = error as Error;
      const journalledByCallback =
        task.kind === "callback" && (err as { fromCallback?: boolean }).fromCallback;
      if (!isAborted(err) && !journalledByCallback)
        await this.deps.write(e, key, { kind: "error", error: err.name, cause: err.message });
      throw error;
    }
  }

  /** The first attempt without a journalled outcome: from here on the execution runs for real. */
  private goLive(e: Execution): void {
    if (!e.replay) return;
    e.replay = undefined;
    for (const state of Object.keys(e.retryIntervals)) delete e.retryIntervals[state];
    Object.assign(e.retryIntervals, this.deps.retryIntervals);
  }

  private live(
    e: Execution,
    stateName: string,
    task: TaskKind,
    input: unknown,
    key: string,
    inFlight: JournalCallback | undefined,
  ): Promise<unknown> {
    if (task.kind === "function") return this.invoke(task.functionName, withStateName(input, stateName));
    const params = withStateName(input ?? {}, stateName) as { FunctionName?: unknown; Payload?: unknown };
    if (typeof params.FunctionName !== "string")
      return Promise.reject(taskError("States.Runtime", `${stateName}: Parameters.FunctionName is missing`));
    const functionName = functionNameOf(params.FunctionName);
    const payload = params.Payload ?? {};
    if (task.kind === "invoke") return this.invoke(functionName, payload).then(invokeResult);
    return this.callback(e, stateName, task, functionName, payload, key, inFlight);
  }

  /**
   * A `.waitForTaskToken` task: journal the token (and deadline) before the Lambda may hand it out, then mark
   * the Lambda as run. Resumed after a restart it keeps its token and the time that was left, and calls the
   * Lambda again only if it had not run.
   */
  private async callback(
    e: Execution,
    stateName: string,
    task: TaskKind,
    functionName: string,
    payload: unknown,
    key: string,
    inFlight: JournalCallback | undefined,
  ): Promise<unknown> {
    const beforeSettle = (outcome: CallbackOutcome) => this.deps.write(e, key, outcome);
    const tag = (error: unknown) => {
      throw Object.assign(error as Error, { fromCallback: true });
    };
    const now = Date.now();
    const timeoutMs = inFlight
      ? inFlight.deadline === undefined
        ? undefined
        : inFlight.deadline - now
      : task.timeoutSeconds === undefined
        ? undefined
        : task.timeoutSeconds * 1000;
    const opened = this.deps.callbacks.open(e.arn, stateName, timeoutMs, {
      beforeSettle,
      ...(inFlight ? { token: inFlight.token } : {}),
    });
    const { token } = opened;
    const settled = opened.promise.catch(tag);
    settled.catch(() => undefined); // awaited below, after the journal writes
    if (inFlight?.invoked) return settled;
    const deadline = inFlight?.deadline ?? (timeoutMs === undefined ? undefined : now + timeoutMs);
    const journalled = { kind: "callback", token, ...(deadline === undefined ? {} : { deadline }) } as const;
    if (!inFlight) await this.deps.write(e, key, { ...journalled, invoked: false });
    if (e.status !== "RUNNING" || e.detached) return settled; // stopped meanwhile: no Lambda call
    const invoked = this.invoke(functionName, withTaskToken(payload, token)).then(
      async () => {
        await this.deps.write(e, key, { ...journalled, invoked: true });
        return settled;
      },
      (error: unknown) => {
        this.deps.callbacks.close(token);
        throw error;
      },
    );
    return Promise.race([settled, invoked]);
  }

  private async invoke(functionName: string, payload: unknown): Promise<unknown> {
    const invocation = this.deps.invoke(functionName, payload);
    this.invocations.add(invocation);
    try {
      return await invocation;
    } catch (error) {
      if (error instanceof LambdaFunctionError) throw taskError(error.errorType, error.toCause());
      const e = error instanceof Error ? error : new Error(String(error));
      throw taskError(e.name || "Error", e.message);
    } finally {
      this.invocations.delete(invocation);
    }
  }
}

async function replayError(name: string, cause: string): Promise<Error> {
  return name === "States.Timeout" ? statesTimeoutError() : taskError(name, cause);
}

/** What the lambda:invoke integration returns (ResultSelector and OutputPath see this, as on AWS). */
function invokeResult(payload: unknown) {
  const requestId = randomUUID();
  return {
    ExecutedVersion: "$LATEST",
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: { "X-Amz-Executed-Version": ["$LATEST"], "x-amzn-RequestId": [requestId] },
      HttpHeaders: { "X-Amz-Executed-Version": "$LATEST", "x-amzn-RequestId": requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
