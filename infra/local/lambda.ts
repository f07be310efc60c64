/** In-process Lambda: imports functions/<name>/handler.ts once and invokes it like the Lambda runtime. */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import type { Context } from "aws-lambda";
import { LOCAL_ACCOUNT } from "./intrinsics.ts";

export type LambdaHandler = (event: unknown, context: Context) => unknown;

export interface FunctionSettings {
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
}

export interface LocalLambdaOptions {
  readonly region?: string;
  /** Folder holding <name>/handler.ts; default the repository's functions/. */
  readonly functionsDir?: URL;
  /** Handlers injected by tests, by function name; they win over functions/. */
  readonly handlers?: Readonly<Record<string, LambdaHandler>>;
  /** Timeout and memory per function name, from the template. */
  readonly settings?: Readonly<Record<string, FunctionSettings>>;
  /** Told of each invocation that ran, with the handler's time in ms (a failed one included). */
  readonly onInvoked?: (functionName: string, ms: number) => void;
}

/** A function's error as the Lambda runtime reports it: `name` is the errorType Step Functions matches on. */
export class LambdaFunctionError extends Error {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: string[];

  constructor(errorType: string, errorMessage: string, trace: string[] = []) {
    super(errorMessage);
    this.name = errorType;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.trace = trace;
  }

  /** The Cause Step Functions records for a failed Lambda task. */
  toCause(): string {
    return JSON.stringify({ errorType: this.errorType, errorMessage: this.errorMessage, trace: this.trace });
  }
}

function asFunctionError(error: unknown): LambdaFunctionError {
  if (error instanceof LambdaFunctionError) return error;
  if (error instanceof Error) {
    const trace = (error.stack ?? "").split("\n").map((l) => l.trim());
    return new LambdaFunctionError(error.name || "Error", error.message, trace);
  }
  return new LambdaFunctionError("Error", String(error));
}

/** JSON in, JSON out: the handler sees (and returns) what would cross the Lambda API. */
function roundTrip(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export class LocalLambda {
  private readonly modules = new Map<string, Promise<LambdaHandler>>();
  private readonly region: string;
  private readonly functionsDir: URL;
  private running = 0;

  constructor(private readonly options: LocalLambdaOptions = {}) {
    this.region = options.region ?? process.env.AWS_REGION ?? "eu-west-1";
    this.functionsDir = options.functionsDir ?? new URL("../../functions/", import.meta.url);
  }

  /** Invocations started and not yet ended (loading their handler included). */
  get inFlight(): number {
    return this.running;
  }

  async invoke(name: string, event: unknown): Promise<unknown> {
    this.running += 1;
    try {
      const handler = await this.load(name);
      const settings = this.options.settings?.[name] ?? {};
      const context = this.context(name, settings);
      const started = performance.now();
      try {
        return roundTrip(await handler(roundTrip(event), context));
      } catch (error) {
        throw asFunctionError(error);
      } finally {
        this.options.onInvoked?.(name, performance.now() - started);
      }
    } finally {
      this.running -= 1;
    }
  }

  private load(name: string): Promise<LambdaHandler> {
    const injected = this.options.handlers?.[name];
    if (injected) return Promise.resolve(injected);
    let loading = this.modules.get(name);
    if (!loading) {
      loading = this.importHandler(name);
      this.modules.set(name, loading);
      loading.catch(() => this.modules.delete(name));
    }
    return loading;
  }

  private async importHandler(name: string): Promise<LambdaHandler> {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
      throw new LambdaFunctionError("Lambda.ResourceNotFoundException", `Function not found: ${name}`);
    const url = new URL(`${name}/handler.ts`, this.functionsDir);
    if (!existsSync(url))
      throw new LambdaFunctionError("Lambda.ResourceNotFoundException", `Function not found: ${name}`);
    let mod: { handler?: unknown };
    try {
      mod = (await import(url.href)) as { handler?: unknown };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LambdaFunctionError("Runtime.ImportModuleError", `${name}: ${reason}`);
    }
    if (typeof mod.handler !== "function")
      throw new LambdaFunctionError("Runtime.HandlerNotFound", `${name}/handler.ts exports no handler`);
    return mod.handler as LambdaHandler;
  }

  private context(name: string, settings: FunctionSettings): Context {
    const deadline = Date.now() + (settings.timeoutSeconds ?? 3) * 1000;
    const requestId = randomUUID();
    const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
    return {
      functionName: name,
      functionVersion: "$LATEST",
      invokedFunctionArn: `arn:aws:lambda:${this.region}:${LOCAL_ACCOUNT}:function:${name}`,
      memoryLimitInMB: String(settings.memoryMb ?? 128),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: `${day}/[$LATEST]${requestId.replaceAll("-", "")}`,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }
}
