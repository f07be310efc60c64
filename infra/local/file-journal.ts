/**
 * The execution journal as an append-only NDJSON file in the data directory. It replaced a DynamoDB table:
 * each record there cost an SDK call (serialise, sign, HTTP, dynalite), a large share of the CPU per journey;
 * here records written close together share one append on a file handle kept open.
 */
import { type FileHandle, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Journal, JournalExecution, JournalStep } from "./journal.ts";
import {
  finishedRecord,
  type JournalEnd,
  type JournalRecord,
  type JournalStart,
  readJournal,
  snapshotRecord,
  startedRecord,
  stepRecord,
} from "./journal-records.ts";
import type { Logger } from "./log.ts";

/** The journal's file name in the data directory. */
export const JOURNAL_FILE = "step-functions-journal.ndjson";

interface Pending {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: a record waits in a queue, and one append writes every record queued in the same tick or
 * while the previous append was in flight. Each caller's promise resolves once its record is written to the
 * file, i.e. handed to the operating system. There is no fsync, on purpose: this is a development tool, a
 * crash of the process loses nothing written, and only a power cut or an OS crash could lose recent records
 * (their tasks would run again after the restart, or a damaged line would be skipped on load).
 *
 * Every file operation (appends, the compaction in load, close) runs one after the other on one lane, so
 * that a load never reads half a batch and records queued during a load land in the compacted file.
 */
export class FileJournal implements Journal {
  private readonly log: Logger;
  private readonly queue: Pending[] = [];
  private lane: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private handle: FileHandle | undefined;
  /** An append failed, maybe part-way: the next one starts on a new line so that its records stay readable. */
  private partialWrite = false;
  private closed = false;

  constructor(
    readonly path: string,
    options: { log?: Logger } = {},
  ) {
    this.log = options.log ?? (() => undefined);
  }

  /** The journal of a data directory: `<dataDir>/step-functions-journal.ndjson`. */
  static inDataDir(dataDir: string, options: { log?: Logger } = {}): FileJournal {
    return new FileJournal(join(dataDir, JOURNAL_FILE), options);
  }

  /**
   * Reads the executions back and compacts the file to one snapshot record per execution, so that it does
   * not grow across restarts. A torn last line (a crash mid-append) was never acknowledged and is ignored.
   */
  load(): Promise<JournalExecution[]> {
    return this.onLane(() => this.loadAndCompact());
  }

  started(e: JournalStart): Promise<void> {
    return this.append(startedRecord(e));
  }

  step(executionArn: string, key: string, step: JournalStep): Promise<void> {
    return this.append(stepRecord(executionArn, key, step));
  }

  /** Marks the execution ended; on the next load its steps are gone (only a running execution needs them). */
  finished(executionArn: string, end: JournalEnd): Promise<void> {
    return this.append(finishedRecord(executionArn, end));
  }

  /** Writes what is queued, then closes the file; call it after the engine has stopped writing. */
  async close(): Promise<void> {
    this.closed = true;
    await this.onLane(() => this.closeHandle());
  }

  private append(record: JournalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error("The journal is closed"));
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    this.queue.push({ line: `${JSON.stringify(record)}\n`, resolve, reject });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      void this.onLane(() => this.flush());
    }
    return promise;
  }

  /** Appends everything queued so far in one write; whatever is queued meanwhile waits for the next. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    try {
      const handle = await this.openHandle();
      const text = batch.map((p) => p.line).join("");
      await handle.appendFile(this.partialWrite ? `\n${text}` : text, "utf8");
      this.partialWrite = false;
      for (const p of batch) p.resolve();
    } catch (error) {
      this.partialWrite = true;
      for (const p of batch) p.reject(error);
    }
  }

  private async loadAndCompact(): Promise<JournalExecution[]> {
    await this.closeHandle(); // the compacted file replaces the one an open handle would append to
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const read = readJournal(text);
    if (read.torn) this.log("warn", "journal: ignored a torn last line (a write cut short)");
    if (read.malformed) this.log("warn", "journal: ignored unreadable lines", { lines: read.malformed });
    if (read.unknown)
      this.log("warn", "journal: skipped records of unknown kinds", { records: read.unknown });
    const compacted = await this.compact(read.executions);
    this.partialWrite = read.torn && !compacted;
    return read.executions;
  }

  /**
   * Rewrites the file as one snapshot per execution: written whole to a temporary file, then renamed over the
   * journal, so that a crash leaves either the old file or the new one. The one fsync here (once per start)
   * keeps a power cut right after the rename from leaving an empty journal. Should compaction fail, the
   * journal goes on appending to the uncompacted file (after a torn line, on a new line), which loads the same.
   */
  private async compact(executions: readonly JournalExecution[]): Promise<boolean> {
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      const file = await open(temporary, "w");
      try {
        await file.writeFile(
          executions.map((e) => `${JSON.stringify(snapshotRecord(e))}\n`).join(""),
          "utf8",
        );
        await file.datasync();
      } finally {
        await file.close();
      }
      await rename(temporary, this.path);
      return true;
    } catch (error) {
      this.log("error", "journal: compaction failed; appending to the journal as it is", {
        error: (error as NodeJS.ErrnoException).code ?? (error as Error).name,
      });
      await rm(temporary, { force: true }).catch(() => undefined);
      return false;
    }
  }

  private async openHandle(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    await mkdir(dirname(this.path), { recursive: true });
    this.handle = await open(this.path, "a");
    return this.handle;
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  /** Runs `op` after every file operation before it; a failure is the caller's, the lane goes on. */
  private onLane<T>(op: () => Promise<T>): Promise<T> {
    const result = this.lane.then(op);
    this.lane = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
