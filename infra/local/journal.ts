/**
 * The execution journal's shapes: each execution and each task outcome, kept so that executions survive a
 * restart of the local runtime. Nothing like it exists on AWS, where Step Functions itself is durable.
 * The implementation is file-journal.ts (an append-only file in the data directory).
 */

/** A task attempt's outcome, keyed by state name and occurrence: "AssessNeeds#2". */
export type JournalOutcome =
  | { kind: "result"; value: unknown }
  | { kind: "error"; error: string; cause: string };

/** A callback in flight: its task token, when it times out (epoch ms), whether its Lambda has run. */
export type JournalCallback = { kind: "callback"; token: string; deadline?: number; invoked: boolean };

export type JournalStep = JournalOutcome | JournalCallback;

export interface JournalExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  readonly status: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly stopDate?: Date;
  readonly outcomes: ReadonlyMap<string, JournalOutcome>;
  readonly callbacks: ReadonlyMap<string, JournalCallback>;
}

/**
 * What the engine (step-functions.ts) journals. Each write resolves once it is durable enough to act on: a
 * StartExecution answers, and a task resumes, only after its record is written.
 */
export interface Journal {
  /** Every journalled execution, once at start: ended ones to describe, running ones to resume. */
  load(): Promise<JournalExecution[]>;
  started(e: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    input: string;
    startDate: Date;
  }): Promise<void>;
  /** An outcome, or a callback in flight; a later step under the same key (and kind) replaces it. */
  step(executionArn: string, key: string, step: JournalStep): Promise<void>;
  /** The execution ended: its steps are no longer needed, only what describing it takes. */
  finished(
    executionArn: string,
    end: { status: string; output?: string; error?: string; cause?: string; stopDate: Date },
  ): Promise<void>;
}
