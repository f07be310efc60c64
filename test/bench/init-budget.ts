/**
 * The init budget of issue 10: an SDK-free function within 1.5x an empty handler's cold start, a function that
 * uses AWS SDK clients within 1.2x the floor those same clients set alone. Which clients a function uses is
 * read from its bundle.
 */
import { info, type Row } from "./table.ts";

export const SDK_FREE_MAX_OVER_EMPTY = 1.5;
export const SDK_MAX_OVER_FLOOR = 1.2;

/** An esbuild metafile output's inputs: source path -> bytes it put in the bundle. */
export type BundleInputs = Readonly<Record<string, { readonly bytesInOutput: number }>>;

const SDK_CLIENT = /(?:^|\/)node_modules\/@aws-sdk\/client-([a-z0-9-]+)\//;

/** The AWS SDK clients ("dynamodb", "ses", "sfn"...) whose code is in a bundle, sorted; none: SDK-free. */
export function sdkClientsIn(inputs: BundleInputs): string[] {
  const clients = new Set<string>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const client = SDK_CLIENT.exec(path)?.[1];
    if (client && bytesInOutput > 0) clients.add(client);
  }
  return [...clients].sort();
}

/** One name for a set of clients: the key of its floor. */
export function clientSetName(clients: readonly string[]): string {
  return [...clients].sort().join("+");
}

export interface InitFigure {
  readonly name: string;
  readonly initMs: number;
}

export interface FunctionInit extends InitFigure {
  readonly clients: readonly string[];
}

const times = (ms: number, base: number) => `${(ms / base).toFixed(2)}x (${ms.toFixed(0)} ms)`;

/**
 * The init rows: the empty handler, each floor (clients alone, against the empty handler, for information),
 * then each function against its budget. A function whose clients have no floor in `floors` is an error.
 */
export function initRows(
  empty: InitFigure,
  floors: ReadonlyMap<string, InitFigure>,
  functions: readonly FunctionInit[],
): Row[] {
  const rows: Row[] = [info("init (empty handler)", `${empty.initMs.toFixed(0)} ms`, "baseline")];
  for (const [set, floor] of floors)
    rows.push(
      info(`init floor: SDK clients ${set} only`, times(floor.initMs, empty.initMs), "(info: floor)"),
    );
  for (const fn of functions) {
    if (fn.clients.length === 0) {
      const ratio = fn.initMs / empty.initMs;
      rows.push({
        metric: `init ${fn.name} (no SDK)`,
        value: times(fn.initMs, empty.initMs),
        budget: `<= ${SDK_FREE_MAX_OVER_EMPTY}x empty`,
        ok: ratio <= SDK_FREE_MAX_OVER_EMPTY,
      });
      continue;
    }
    const set = clientSetName(fn.clients);
    const floor = floors.get(set);
    if (!floor) throw new Error(`No floor measured for the SDK clients ${set} of ${fn.name}`);
    rows.push({
      metric: `init ${fn.name} (SDK ${set})`,
      value: times(fn.initMs, floor.initMs),
      budget: `<= ${SDK_MAX_OVER_FLOOR}x floor ${set}`,
      ok: fn.initMs / floor.initMs <= SDK_MAX_OVER_FLOOR,
    });
  }
  return rows;
}
