/** Time, passed in so that the domain and the handlers are testable. */
export interface Clock {
  now(): Date;
}

/** Moves the system clock by whole days: set for the local runtime (demos, tests), never by the stacks. */
export const CLOCK_OFFSET_ENV = "PARTNERFLOW_CLOCK_OFFSET_DAYS";

const DAY_MS = 86_400_000;

/** The offset the environment asks for, read at each call so that a test can move time on. */
export function clockOffsetMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[CLOCK_OFFSET_ENV];
  if (raw === undefined || raw.trim() === "") return 0;
  const days = Number(raw);
  if (!Number.isInteger(days) || Math.abs(days) > 3660)
    throw new RangeError(`${CLOCK_OFFSET_ENV} must be a whole number of days (at most 3660 either way)`);
  return days * DAY_MS;
}

/** The system's time, moved by PARTNERFLOW_CLOCK_OFFSET_DAYS when that is set. */
export const systemClock: Clock = { now: () => new Date(Date.now() + clockOffsetMs()) };

/**
 * A clock the tests move forward instead of sleeping: it stands still until told, then jumps. Starts at
 * `start`; `advance` moves it on by whole days or by milliseconds, `set` to an instant.
 */
export class TestClock implements Clock {
  private at: number;

  constructor(start: Date | string) {
    this.at = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  /** Moves time on: `{ days }` whole days (86,400 s each), `{ ms }` milliseconds; never backwards. */
  advance(by: { days?: number; ms?: number }): this {
    const ms = (by.days ?? 0) * DAY_MS + (by.ms ?? 0);
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("A test clock moves forward only");
    this.at += ms;
    return this;
  }

  /** Sets the time to `date`. */
  set(date: Date | string): this {
    this.at = new Date(date).getTime();
    return this;
  }
}
