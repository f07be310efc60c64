/** Shared shapes of the local Step Functions engine: executions and their state. */
import type { StateMachine } from "aws-local-stepfunctions";
import type { PreparedDefinition } from "./asl.ts";
import type { JournalCallback, JournalOutcome } from "./journal.ts";
import type { EngineEvent } from "./sfn-history.ts";
import type { LocalStateMachine } from "./template.ts";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface Machine {
  readonly model: LocalStateMachine;
  readonly prepared: PreparedDefinition;
  readonly engine: StateMachine;
}

export interface Execution {
  readonly arn: string;
  readonly name: string;
  readonly machine: Machine;
  readonly input: string;
  readonly startDate: Date;
  status: ExecutionStatus;
  output?: string;
  error?: string;
  cause?: string;
  stopDate?: Date;
  stopped?: { error?: string; cause?: string };
  readonly events: EngineEvent[];
  transitions: number;
  abort: () => void;
  done: Promise<void>;
  /** The journal write of its start (StartExecution answers after it). */
  journalled: Promise<void>;
  readonly listeners: Set<() => void>;
  /** Attempts per state so far: the journal keys outcomes by state name and occurrence. */
  readonly occurrences: Map<string, number>;
  /** Journalled outcomes still to replay (after a restart); emptied once the execution runs live. */
  replay:
    | { outcomes: ReadonlyMap<string, JournalOutcome>; callbacks: ReadonlyMap<string, JournalCallback> }
    | undefined;
  /** Handed to the engine by reference: zero intervals while replaying, the configured ones when live. */
  readonly retryIntervals: Record<string, number>;
  /** The runtime is stopping: the execution is left as it is in the journal, to resume after a restart. */
  detached: boolean;
}
