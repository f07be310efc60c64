/** The local Step Functions engine: executions of the synthesized ASL over aws-local-stepfunctions. */
import { randomUUID } from "node:crypto";
import { ExecutionTimeoutError, type RunOptions, StateMachine } from "aws-local-stepfunctions";
import { prepareDefinition, STATE_NAME_PLACEHOLDER, TASK_TOKEN_PLACEHOLDER } from "./asl.ts";
import { CallbackRegistry } from "./callbacks.ts";
import { LOCAL_ACCOUNT } from "./intrinsics.ts";
import type { Journal, JournalExecution } from "./journal.ts";
import type { Logger } from "./log.ts";
import { abortedError, SfnError, taskError } from "./sfn-errors.ts";
import { causeText, type EngineEvent, type HistoryEvent, toHistory } from "./sfn-history.ts";
import { TaskRunner } from "./sfn-tasks.ts";
import type { Execution, ExecutionStatus, Machine } from "./sfn-types.ts";
import { statesTimeoutError } from "./states-timeout.ts";
import type { LocalStateMachine } from "./template.ts";

export { startStepFunctionsEndpoint } from "./sfn-endpoint.ts";
export { SfnError } from "./sfn-errors.ts";
export type { HistoryEvent } from "./sfn-history.ts";
export type { ExecutionStatus } from "./sfn-types.ts";

export interface ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly input: string;
  readonly output?: string;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly error?: string;
  readonly cause?: string;
}

export interface StepFunctionsEngineOptions {
  readonly region: string;
  readonly stateMachines: readonly LocalStateMachine[];
  /** Invokes a Lambda function by name (lambda.ts); its errors keep their names. */
  readonly invoke: (functionName: string, payload: unknown) => Promise<unknown>;
  /** Task TimeoutSeconds by state name, e.g. to let a callback time out in a test. */
  readonly timeoutOverridesSeconds?: Readonly<Record<string, number>>;
  /** Retry intervals in ms by state name (the engine's retryIntervalOverrides). */
  readonly retryIntervalOverridesMs?: Readonly<Record<string, number>>;
  readonly log?: Logger;
  /** Where executions and task outcomes are journalled, so that they resume after a restart. */
  readonly journal?: Journal;
}

type JsonInput = Parameters<StateMachine["run"]>[0];
type Handlers = NonNullable<NonNullable<RunOptions["overrides"]>["taskResourceLocalHandlers"]>;

/** Execution names as AWS accepts them: 1-80 characters, no whitespace, brackets, wildcards or specials. */
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
const isValidName = (name: string) =>
  name.length >= 1 &&
  name.length <= 80 &&
  !FORBIDDEN.test(name) &&
  ![...name].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });

export class StepFunctionsEngine {
  private readonly machines = new Map<string, Machine>();
  private readonly executions = new Map<string, Execution>();
  private readonly callbacks = new CallbackRegistry();
  private readonly writes = new Set<Promise<void>>();
  private readonly tasks: TaskRunner;
  private readonly log: Logger;
  private stopping = false;
  /** When the state machines were "created" (this engine started). */
  readonly createdAt = new Date();

  constructor(private readonly options: StepFunctionsEngineOptions) {
    this.log = options.log ?? (() => undefined);
    // One warning naming every state clamped, rather than one line each or the first alone.
    const clamped: string[] = [];
    const onClamp = (state: string, seconds: number) => {
      clamped.push(`${state} (${Math.round(seconds / 86_400)} days)`);
    };
    for (const model of options.stateMachines) {
      // Validates the definition as written; the prepared copy may carry test timeouts (fractions of seconds).
      new StateMachine(model.definition as ConstructorParameters<typeof StateMachine>[0]);
      const prepared = prepareDefinition(model.definition, options.timeoutOverridesSeconds ?? {}, onClamp);
      const engine = new StateMachine(prepared.definition as ConstructorParameters<typeof StateMachine>[0], {
        validationOptions: { noValidate: true },
      });
      this.machines.set(model.arn, { model, prepared, engine });
    }
    if (clamped.length > 0)
      this.log("warn", "timeouts longer than Node timers allow; clamped to 24.8 days", {
        states: [...new Set(clamped)].join(", "),
      });
    this.tasks = new TaskRunner({
      callbacks: this.callbacks,
      invoke: options.invoke,
      write: (e, key, step) => this.write(e, () => this.options.journal?.step(e.arn, key, step)),
      retryIntervals: options.retryIntervalOverridesMs ?? {},
      stopping: () => this.stopping,
    });
    void statesTimeoutError(); // warm up: callbacks that time out need it
  }

  async startExecution(request: { stateMachineArn: string; name?: string; input?: string }): Promise<{
    executionArn: string;
    startDate: Date;
  }> {
    const machine = this.machines.get(request.stateMachineArn);
    if (!machine)
      throw new SfnError(
        "StateMachineDoesNotExist",
        `State Machine Does Not Exist: '${request.stateMachineArn}'`,
      );
    const name = request.name ?? randomUUID();
    if (!isValidName(name)) throw new SfnError("InvalidName", `Invalid Name: '${name}'`);
    const input = request.input ?? "{}";
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      throw new SfnError("InvalidExecutionInput", "Invalid State Machine Execution Input: not JSON");
    }
    const arn = `arn:aws:states:${this.options.region}:${LOCAL_ACCOUNT}:execution:${machine.model.name}:${name}`;
    const existing = this.executions.get(arn);
    if (existing) {
      // As Standard workflows: the same name and input of a running execution is the same execution.
      if (existing.status === "RUNNING" && existing.input === input) {
        await existing.journalled;
        return { executionArn: arn, startDate: existing.startDate };
      }
      throw new SfnError("ExecutionAlreadyExists", `Execution Already Exists: '${arn}'`);
    }
    const execution = this.record(machine, { arn, name, input, startDate: new Date() });
    const journal = this.options.journal;
    if (journal) {
      const stateMachineArn = machine.model.arn;
      execution.journalled = journal.started({
        executionArn: arn,
        stateMachineArn,
        name,
        input,
        startDate: execution.startDate,
      });
      try {
        await execution.journalled;
      } catch (error) {
        this.executions.delete(arn);
        throw error;
      }
    }
    this.run(execution, parsed);
    return { executionArn: arn, startDate: execution.startDate };
  }

  /** Loads the journal: ended executions become describable again, running ones resume where they were. */
  async restore(): Promise<{ resumed: number }> {
    const journal = this.options.journal;
    if (!journal) return { resumed: 0 };
    let resumed = 0;
    for (const j of await journal.load()) {
      const machine = this.machines.get(j.stateMachineArn);
      if (!machine || this.executions.has(j.executionArn)) {
        if (!machine)
          this.log("warn", "journalled execution of an unknown state machine", { execution: j.name });
        continue;
      }
      const e = this.record(machine, {
        arn: j.executionArn,
        name: j.name,
        input: j.input,
        startDate: j.startDate,
      });
      if (j.status !== "RUNNING") {
        restoreEnded(e, j);
        continue;
      }
      e.replay = { outcomes: j.outcomes, callbacks: j.callbacks };
      for (const state of machine.prepared.tasks.keys()) e.retryIntervals[state] = 0;
      this.run(e, JSON.parse(j.input));
      resumed += 1;
    }
    if (resumed) this.log("info", "resumed executions from the journal", { count: resumed });
    return { resumed };
  }

  describeExecution(executionArn: string): ExecutionDescription {
    const e = this.get(executionArn);
    return {
      executionArn: e.arn,
      stateMachineArn: e.machine.model.arn,
      name: e.name,
      status: e.status,
      input: e.input,
      startDate: e.startDate,
      ...(e.output !== undefined ? { output: e.output } : {}),
      ...(e.stopDate ? { stopDate: e.stopDate } : {}),
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.cause !== undefined ? { cause: e.cause } : {}),
    };
  }

  listExecutions(
    filter: { stateMachineArn?: string; statusFilter?: ExecutionStatus } = {},
  ): ExecutionDescription[] {
    return [...this.executions.values()]
      .filter((e) => !filter.stateMachineArn || e.machine.model.arn === filter.stateMachineArn)
      .filter((e) => !filter.statusFilter || e.status === filter.statusFilter)
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
      .map((e) => this.describeExecution(e.arn));
  }

  listStateMachines(): LocalStateMachine[] {
    return [...this.machines.values()].map((m) => m.model);
  }

  describeStateMachine(stateMachineArn: string): LocalStateMachine {
    const machine = this.machines.get(stateMachineArn);
    if (!machine)
      throw new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${stateMachineArn}'`);
    return machine.model;
  }

  history(executionArn: string, options: { includeExecutionData?: boolean } = {}): HistoryEvent[] {
    const e = this.get(executionArn);
    return toHistory(e.events, {
      roleArn: e.machine.model.roleArn,
      ...(options.includeExecutionData !== undefined
        ? { includeExecutionData: options.includeExecutionData }
        : {}),
      ...(e.stopped ? { stopped: e.stopped } : {}),
    });
  }

  /** State transitions so far (states entered, nested ones included): what AWS bills for Standard. */
  transitions(executionArn: string): number {
    return this.get(executionArn).transitions;
  }

  /** The states of an execution that wait for a callback now. */
  waitingFor(executionArn: string): string[] {
    return this.callbacks.waiting(this.get(executionArn).arn);
  }

  async sendTaskSuccess(taskToken: string, output: string): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(output);
    } catch {
      throw new SfnError("InvalidOutput", "Invalid Output: not JSON");
    }
    await this.callbacks.succeed(taskToken, value);
  }

  async sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void> {
    await this.callbacks.fail(taskToken, taskError(error ?? "", cause ?? ""));
  }

  sendTaskHeartbeat(taskToken: string): void {
    this.callbacks.heartbeat(taskToken);
  }

  async stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ stopDate: Date }> {
    const e = this.get(executionArn);
    if (e.status !== "RUNNING") return { stopDate: e.stopDate ?? new Date() };
    e.stopped = { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
    this.end(e, { status: "ABORTED", ...e.stopped });
    e.abort();
    this.callbacks.abortExecution(e.arn, abortedError());
    await e.done;
    return { stopDate: e.stopDate ?? new Date() };
  }

  /** Resolves once the execution has finished and its history is complete; for tests and scripts. */
  async waitForExecution(
    executionArn: string,
    options: { timeoutMs?: number } = {},
  ): Promise<ExecutionDescription> {
    const e = this.get(executionArn);
    await within(e.done, options.timeoutMs ?? 10_000, () => `Execution ${e.name} is still ${e.status}`);
    return this.describeExecution(executionArn);
  }

  /** Resolves once the execution has entered `stateName` `occurrence` times (default once). */
  async waitForState(
    executionArn: string,
    stateName: string,
    options: { occurrence?: number; timeoutMs?: number } = {},
  ): Promise<void> {
    const e = this.get(executionArn);
    const wanted = options.occurrence ?? 1;
    const reached = () =>
      e.events.filter((ev) => ev.type === "StateEntered" && ev.state?.name === stateName).length >= wanted;
    const entered = new Promise<void>((resolve, reject) => {
      const check = () => {
        if (reached()) resolve();
        else if (e.status !== "RUNNING")
          reject(new Error(`Execution ${e.name} ended ${e.status} before ${stateName}`));
        else return;
        e.listeners.delete(check);
      };
      e.listeners.add(check);
      check();
    });
    await within(
      entered,
      options.timeoutMs ?? 10_000,
      () => `Execution ${e.name} did not reach ${stateName}`,
    );
  }

  /**
   * Lets go of every running execution (the runtime is stopping). Lambda invocations under way may finish
   * (up to `drainMs`) and their outcomes are journalled; no new task starts. With a journal the executions
   * stay RUNNING there and resume after a restart; this process reports them ABORTED.
   */
  async stop(options: { drainMs?: number } = {}): Promise<void> {
    this.stopping = true;
    await this.tasks.drain(options.drainMs ?? 5000);
    while (this.writes.size) await Promise.all([...this.writes]);
    const running = [...this.executions.values()].filter((e) => e.status === "RUNNING");
    for (const e of running) {
      e.detached = true;
      this.end(e, { status: "ABORTED", error: "Runtime.Stopped", cause: "The local runtime stopped" });
      e.abort();
      this.callbacks.abortExecution(e.arn, abortedError());
    }
    await Promise.all([...this.executions.values()].map((e) => e.done));
    while (this.writes.size) await Promise.all([...this.writes]);
  }

  private record(
    machine: Machine,
    init: { arn: string; name: string; input: string; startDate: Date },
  ): Execution {
    const e: Execution = {
      ...init,
      machine,
      status: "RUNNING",
      events: [],
      transitions: 0,
      abort: () => undefined,
      done: Promise.resolve(),
      journalled: Promise.resolve(),
      listeners: new Set(),
      occurrences: new Map(),
      replay: undefined,
      retryIntervals: { ...this.options.retryIntervalOverridesMs },
      detached: false,
    };
    this.executions.set(init.arn, e);
    return e;
  }

  private get(executionArn: string): Execution {
    const e = this.executions.get(executionArn);
    if (e) return e;
    if (!/^arn:aws:states:[^:]*:[^:]*:execution:[^:]+:[^:]+$/.test(executionArn))
      throw new SfnError("InvalidArn", `Invalid Arn: '${executionArn}'`);
    throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
  }

  /** A journal write that stopping waits for; a failed write is logged (the execution goes on in memory). */
  private write(e: Execution, op: () => Promise<void> | undefined): Promise<void> {
    if (e.detached || !this.options.journal) return Promise.resolve();
    const pending = Promise.resolve(op()).catch((error: unknown) =>
      this.log("error", "journal write failed", { execution: e.name, error: (error as Error).name }),
    );
    this.writes.add(pending);
    return pending.finally(() => this.writes.delete(pending));
  }

  private notify(e: Execution): void {
    for (const listener of [...e.listeners]) listener();
  }

  private run(e: Execution, input: unknown): void {
    const { model, prepared, engine } = e.machine;
    const handlers: Handlers = {};
    for (const [stateName, task] of prepared.tasks)
      handlers[stateName] = (taskInput) =>
        this.tasks.run(e, stateName, task, taskInput) as Promise<JsonInput>;
    const run = engine.run(input as JsonInput, {
      overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: e.retryIntervals },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: e.arn, Name: e.name, RoleArn: model.roleArn },
        StateMachine: { Id: model.arn, Name: model.name },
        Task: { Token: TASK_TOKEN_PLACEHOLDER },
        State: { Name: STATE_NAME_PLACEHOLDER },
      },
    });
    e.abort = run.abort;
    const settled = run.result.then(
      (output) => this.end(e, { status: "SUCCEEDED", output: JSON.stringify(output) }),
      (error: unknown) => this.end(e, failure(error)),
    );
    const consumed = (async () => {
      for await (const event of run.eventLogs) {
        e.events.push(event as EngineEvent);
        if (event.type === "StateEntered") e.transitions += 1;
        this.notify(e);
      }
    })();
    e.done = Promise.all([settled, consumed]).then(
      () => this.notify(e),
      (error: unknown) => this.log("error", "execution bookkeeping failed", { error: (error as Error).name }),
    );
  }

  /** Ends an execution once: its status, the journal, the log line. */
  private end(
    e: Execution,
    result: { status: ExecutionStatus; output?: string; error?: string; cause?: string },
  ) {
    if (e.status !== "RUNNING") return;
    const stopDate = new Date();
    Object.assign(e, result, { stopDate });
    if (!e.detached && !this.stopping) {
      this.log(result.status === "SUCCEEDED" ? "info" : "warn", "execution ended", {
        execution: e.name,
        status: result.status,
        error: result.error,
        transitions: e.transitions,
      });
      void this.write(e, () => this.options.journal?.finished(e.arn, { ...result, stopDate }));
    }
    this.notify(e);
  }
}

function restoreEnded(e: Execution, j: JournalExecution): void {
  e.status = j.status as ExecutionStatus;
  if (j.output !== undefined) e.output = j.output;
  if (j.error !== undefined) e.error = j.error;
  if (j.cause !== undefined) e.cause = j.cause;
  if (j.stopDate) e.stopDate = j.stopDate;
}

async function within(promise: Promise<unknown>, ms: number, message: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message()} after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function failure(error: unknown): { status: ExecutionStatus; error?: string; cause?: string } {
  if (error instanceof ExecutionTimeoutError)
    return { status: "TIMED_OUT", error: "States.Timeout", cause: "The execution timed out" };
  const inner = error instanceof Error && error.name === "ExecutionError" ? error.cause : error;
  if (inner instanceof Error) return { status: "FAILED", error: inner.name, cause: causeText(inner.message) };
  return { status: "FAILED", error: "States.Runtime", cause: causeText(inner) };
}
