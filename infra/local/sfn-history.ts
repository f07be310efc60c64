/** Maps the local engine's event log to Step Functions history events (GetExecutionHistory). */

/** The subset of aws-local-stepfunctions' EventLog this module reads. */
export interface EngineEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly Error?: string;
  readonly Cause?: unknown;
  readonly index?: number;
  readonly state?: { name: string; type: string; input?: unknown; output?: unknown };
  readonly parentState?: { name: string; type: string };
}

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: string;
  readonly [details: string]: unknown;
}

export interface HistoryOptions {
  /** Include inputs and outputs (default false: execution data stays out, as in the logs). */
  readonly includeExecutionData?: boolean;
  readonly roleArn: string;
  /** Error and cause of an execution stopped through StopExecution. */
  readonly stopped?: { error?: string; cause?: string };
}

export function causeText(cause: unknown): string {
  if (typeof cause === "string") return cause;
  if (cause instanceof Error) return cause.message;
  return JSON.stringify(cause ?? "");
}

const json = (value: unknown) => JSON.stringify(value ?? null);

function details(event: EngineEvent, options: HistoryOptions): [string, Record<string, unknown>] | undefined {
  const data = options.includeExecutionData === true;
  const withData = (key: "input" | "output", value: unknown) => (data ? { [key]: json(value) } : {});
  const state = event.state;
  switch (event.type) {
    case "ExecutionStarted":
      return [
        "ExecutionStarted",
        { executionStartedEventDetails: { roleArn: options.roleArn, ...withData("input", event.input) } },
      ];
    case "ExecutionSucceeded":
      return ["ExecutionSucceeded", { executionSucceededEventDetails: withData("output", event.output) }];
    case "ExecutionFailed":
      return [
        "ExecutionFailed",
        { executionFailedEventDetails: { error: event.Error, cause: causeText(event.Cause) } },
      ];
    case "ExecutionAborted":
      return ["ExecutionAborted", { executionAbortedEventDetails: { ...options.stopped } }];
    case "ExecutionTimeout":
      return ["ExecutionTimedOut", { executionTimedOutEventDetails: { error: "States.Timeout" } }];
    case "StateEntered":
      return (
        state && [
          `${state.type}StateEntered`,
          stateDetails("Entered", state.name, withData("input", state.input)),
        ]
      );
    case "StateExited":
      return (
        state && [
          `${state.type}StateExited`,
          stateDetails("Exited", state.name, withData("output", state.output)),
        ]
      );
    case "StateFailed": {
      if (state?.type !== "Task") return undefined;
      const timedOut = event.Error === "States.Timeout";
      const key = timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails";
      const info = {
        resourceType: "lambda",
        resource: "invoke",
        error: event.Error,
        cause: causeText(event.Cause),
      };
      return [timedOut ? "TaskTimedOut" : "TaskFailed", { [key]: info }];
    }
    case "MapIterationStarted":
    case "MapIterationSucceeded":
    case "MapIterationFailed": {
      const key = `${event.type[0]?.toLowerCase()}${event.type.slice(1)}EventDetails`;
      return [event.type, { [key]: { name: event.parentState?.name, index: event.index } }];
    }
    default:
      return undefined; // StateRetried, StateCaught, ParallelBranch*: no AWS counterpart
  }
}

function stateDetails(kind: "Entered" | "Exited", name: string, data: Record<string, unknown>) {
  return { [`state${kind}EventDetails`]: { name, ...data } };
}

export function toHistory(events: readonly EngineEvent[], options: HistoryOptions): HistoryEvent[] {
  const history: HistoryEvent[] = [];
  for (const event of events) {
    const mapped = details(event, options);
    if (!mapped) continue;
    const id = history.length + 1;
    history.push({
      id,
      previousEventId: id - 1,
      timestamp: new Date(event.timestamp),
      type: mapped[0],
      ...mapped[1],
    });
  }
  return history;
}
