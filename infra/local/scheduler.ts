/**
 * Stands in for EventBridge Scheduler: invokes each schedule's function at its rate, with the schedule's
 * input. One run of a schedule at a time here (a run still going when the next is due is not doubled).
 */
import { errorName, type Logger } from "./log.ts";
import type { LocalSchedule } from "./template.ts";

export interface LocalSchedulerOptions {
  readonly schedules: readonly LocalSchedule[];
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
  readonly log: Logger;
}

/** The schedules run once soon after start (catchUpAfterMs): those that run hourly or less often. */
const CATCH_UP_FROM_MS = 3_600_000;

export class LocalScheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<unknown>>();
  private stopped = false;

  constructor(private readonly options: LocalSchedulerOptions) {}

  get schedules(): readonly LocalSchedule[] {
    return this.options.schedules;
  }

  /**
   * Runs each schedule at its rate; with `catchUpAfterMs`, each hourly (or slower) one also once that long
   * after start, so that work that fell due while the runtime was down (a vetting renewal) is not left a whole
   * interval. The five-minute sweeps keep to their rate: the resume sweep must not run before the restored
   * executions have their task tokens again.
   */
  start(catchUpAfterMs?: number): void {
    if (catchUpAfterMs !== undefined) {
      const timer = setTimeout(() => {
        for (const schedule of this.options.schedules)
          if (schedule.everyMs >= CATCH_UP_FROM_MS) this.run(schedule.functionName).catch(() => undefined); // logged by run
      }, catchUpAfterMs);
      timer.unref();
      this.timers.push(timer);
    }
    for (const schedule of this.options.schedules) {
      const timer = setInterval(() => {
        this.run(schedule.functionName).catch(() => undefined); // logged by run
      }, schedule.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /**
   * Runs the schedule of this function now, as its timer would (the tests do; nothing else calls it yet).
   * Joins a run already going. Resolves with what the function returned; rejects with its error.
   */
  run(functionName: string): Promise<unknown> {
    const schedule = this.options.schedules.find((s) => s.functionName === functionName);
    if (!schedule) return Promise.reject(new Error(`No schedule runs ${functionName}`));
    if (this.stopped) return Promise.reject(new Error("The scheduler has stopped"));
    const going = this.running.get(functionName);
    if (going) return going;
    const run = this.options
      .invoke(functionName, structuredClone(schedule.input))
      .catch((error: unknown) => {
        this.options.log("error", "scheduled run failed", {
          function: functionName,
          error: errorName(error),
        });
        throw error;
      })
      .finally(() => this.running.delete(functionName));
    this.running.set(functionName, run);
    return run;
  }

  /** No new runs; waits for the runs going to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
    await Promise.allSettled(this.running.values());
  }
}
