/**
 * The journal file's records, one JSON object a line, and how they fold back into executions. Records are
 * deltas (an execution started, a step, an execution finished) so that a write never has to read first;
 * compaction replaces them with one `execution` snapshot per execution.
 */
import type { Journal, JournalCallback, JournalExecution, JournalOutcome, JournalStep } from "./journal.ts";

export type JournalStart = Parameters<Journal["started"]>[0];
export type JournalEnd = Parameters<Journal["finished"]>[1];

/** Dates are ISO strings and maps are [key, value] pairs on disk. */
interface Ending {
  readonly status: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

export type JournalRecord =
  | {
      readonly kind: "started";
      readonly executionArn: string;
      readonly stateMachineArn: string;
      readonly name: string;
      readonly input: string;
      readonly startDate: string;
    }
  | { readonly kind: "step"; readonly executionArn: string; readonly key: string; readonly step: JournalStep }
  | ({ readonly kind: "finished"; readonly executionArn: string; readonly stopDate: string } & Ending)
  | ({
      readonly kind: "execution";
      readonly executionArn: string;
      readonly stateMachineArn: string;
      readonly name: string;
      readonly input: string;
      readonly startDate: string;
      readonly stopDate?: string;
      readonly outcomes: readonly (readonly [string, JournalOutcome])[];
      readonly callbacks: readonly (readonly [string, JournalCallback])[];
    } & Ending);

/** Only the fields that are set: `undefined` would not survive JSON anyway, and exact optionals forbid it. */
function ending(e: { status: string; output?: string; error?: string; cause?: string }): Ending {
  return {
    status: e.status,
    ...(e.output !== undefined ? { output: e.output } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
  };
}

export const startedRecord = (e: JournalStart): JournalRecord => ({
  kind: "started",
  executionArn: e.executionArn,
  stateMachineArn: e.stateMachineArn,
  name: e.name,
  input: e.input,
  startDate: e.startDate.toISOString(),
});

export const stepRecord = (executionArn: string, key: string, step: JournalStep): JournalRecord => ({
  kind: "step",
  executionArn,
  key,
  step,
});

export const finishedRecord = (executionArn: string, end: JournalEnd): JournalRecord => ({
  kind: "finished",
  executionArn,
  stopDate: end.stopDate.toISOString(),
  ...ending(end),
});

export const snapshotRecord = (e: JournalExecution): JournalRecord => ({
  kind: "execution",
  executionArn: e.executionArn,
  stateMachineArn: e.stateMachineArn,
  name: e.name,
  input: e.input,
  startDate: e.startDate.toISOString(),
  ...(e.stopDate ? { stopDate: e.stopDate.toISOString() } : {}),
  ...ending(e),
  outcomes: [...e.outcomes],
  callbacks: [...e.callbacks],
});

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isOptionalString = (value: unknown) => value === undefined || isString(value);
const isDate = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));

function isStep(value: unknown): value is JournalStep {
  if (!isFields(value)) return false;
  if (value.kind === "result") return true;
  if (value.kind === "error") return isString(value.error) && isString(value.cause);
  if (value.kind === "callback")
    return (
      isString(value.token) &&
      typeof value.invoked === "boolean" &&
      (value.deadline === undefined || typeof value.deadline === "number")
    );
  return false;
}

const isPairs = <T extends JournalStep>(value: unknown, is: (step: JournalStep) => step is T) =>
  Array.isArray(value) &&
  value.every(
    (pair: unknown) =>
      Array.isArray(pair) && pair.length === 2 && isString(pair[0]) && isStep(pair[1]) && is(pair[1]),
  );

const isOutcome = (step: JournalStep): step is JournalOutcome => step.kind !== "callback";
const isCallback = (step: JournalStep): step is JournalCallback => step.kind === "callback";

const hasEnding = (r: Fields) =>
  isString(r.status) && isOptionalString(r.output) && isOptionalString(r.error) && isOptionalString(r.cause);
const hasStart = (r: Fields) =>
  isString(r.stateMachineArn) && isString(r.name) && isString(r.input) && isDate(r.startDate);

/** Whether a parsed line of a known kind has the fields that kind needs. */
function isValid(r: Fields): r is Fields & JournalRecord {
  if (!isString(r.executionArn)) return false;
  switch (r.kind) {
    case "started":
      return hasStart(r);
    case "step":
      return isString(r.key) && isStep(r.step);
    case "finished":
      return isDate(r.stopDate) && hasEnding(r);
    case "execution":
      return (
        hasStart(r) &&
        hasEnding(r) &&
        (r.stopDate === undefined || isDate(r.stopDate)) &&
        isPairs(r.outcomes, isOutcome) &&
        isPairs(r.callbacks, isCallback)
      );
    default:
      return false;
  }
}

const KNOWN_KINDS: ReadonlySet<unknown> = new Set(["started", "step", "finished", "execution"]);

/** One line: a record; "unknown" for a kind this version does not know (a newer one wrote it); or "malformed". */
export function parseRecord(line: string): JournalRecord | "unknown" | "malformed" {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return "malformed";
  }
  if (!isFields(parsed) || !isString(parsed.kind)) return "malformed";
  if (!KNOWN_KINDS.has(parsed.kind)) return "unknown";
  return isValid(parsed) ? parsed : "malformed";
}

interface Folded extends Ending {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly outcomes: Map<string, JournalOutcome>;
  readonly callbacks: Map<string, JournalCallback>;
}

/** Executions as the records say, in the order they were first journalled. */
export class JournalFold {
  private readonly executions = new Map<string, Folded>();

  apply(record: JournalRecord): void {
    const arn = record.executionArn;
    const known = this.executions.get(arn);
    switch (record.kind) {
      case "started":
        // A start again (the same execution journalled twice) keeps the steps it had, as the start is the same.
        this.executions.set(arn, {
          executionArn: arn,
          stateMachineArn: record.stateMachineArn,
          name: record.name,
          input: record.input,
          startDate: new Date(record.startDate),
          status: "RUNNING",
          outcomes: known?.outcomes ?? new Map(),
          callbacks: known?.callbacks ?? new Map(),
        });
        return;
      case "step":
        // Steps only matter to a running execution: one that was never started or has ended ignores them.
        if (known?.status !== "RUNNING") return;
        if (record.step.kind === "callback") known.callbacks.set(record.key, record.step);
        else known.outcomes.set(record.key, record.step);
        return;
      case "finished":
        // An ended execution needs no steps: describing it and keeping its name taken is all that is left.
        if (!known) return;
        this.executions.set(arn, {
          executionArn: arn,
          stateMachineArn: known.stateMachineArn,
          name: known.name,
          input: known.input,
          startDate: known.startDate,
          ...ending(record),
          stopDate: new Date(record.stopDate),
          outcomes: new Map(),
          callbacks: new Map(),
        });
        return;
      case "execution":
        this.executions.set(arn, {
          executionArn: arn,
          stateMachineArn: record.stateMachineArn,
          name: record.name,
          input: record.input,
          startDate: new Date(record.startDate),
          ...(record.stopDate !== undefined ? { stopDate: new Date(record.stopDate) } : {}),
          ...ending(record),
          outcomes: new Map(record.outcomes),
          callbacks: new Map(record.callbacks),
        });
        return;
    }
  }

  result(): JournalExecution[] {
    return [...this.executions.values()];
  }
}

export interface ReadJournal {
  readonly executions: JournalExecution[];
  /** Records read. */
  readonly records: number;
  /** Text after the last newline: a write cut short by a crash, never acknowledged, so ignored. */
  readonly torn: boolean;
  /** Complete lines that are not records (ignored). */
  readonly malformed: number;
  /** Records of kinds this version does not know (ignored). */
  readonly unknown: number;
}

/** Folds the journal file's text into executions, ignoring what cannot be read. */
export function readJournal(text: string): ReadJournal {
  const lines = text.split("\n");
  const tail = lines.pop() ?? "";
  const fold = new JournalFold();
  let records = 0;
  let malformed = 0;
  let unknown = 0;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const record = parseRecord(line);
    if (record === "malformed") malformed += 1;
    else if (record === "unknown") unknown += 1;
    else {
      fold.apply(record);
      records += 1;
    }
  }
  return { executions: fold.result(), records, torn: tail.trim() !== "", malformed, unknown };
}
