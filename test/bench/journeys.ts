/**
 * Journeys through the local runtime over HTTP, as partners and officers make them: each definition counted
 * once on its own (what it asks of each service, and so what it costs), then approve journeys timed one at a
 * time (the decision POST's latency) and several at once (journeys per second).
 */
import { type Usage, usageBetween } from "#infra/local/meter.ts";
import { Journey } from "../e2e/harness.ts";
import { type CostContext, type JourneyCost, journeyCost } from "./cost.ts";
import { APPROVE, COUNTED_JOURNEYS, type JourneyDefinition } from "./journey-definitions.ts";
import { type JourneyContext, settled, staffOf } from "./journey-steps.ts";

/** What one stretch of a counted journey asked of the services. */
export interface Stretch {
  readonly name: string;
  readonly usage: Usage;
}

export interface CountedJourney {
  readonly journey: JourneyDefinition;
  readonly usage: Usage;
  readonly cost: JourneyCost;
  /** The journey's stretches, in order, as its definition marks them. */
  readonly stretches: readonly Stretch[];
}

export interface JourneyFigures {
  readonly counted: readonly CountedJourney[];
  /** Approve journeys run `concurrency` at a time. */
  readonly journeys: number;
  readonly concurrency: number;
  readonly perSecond: number;
  /** One decision at a time. */
  readonly decisionPostP95Ms: number;
  /** While `concurrency` journeys run at once. */
  readonly decisionPostP95UnderLoadMs: number;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function costContext(journey: Journey): CostContext {
  return { memoryMb: Object.fromEntries(journey.runtime.model.functions.map((f) => [f.name, f.memoryMb])) };
}

/** Runs `count` approve journeys, `parallel` at a time; their decision POST times and the seconds it took. */
async function pass(ctx: JourneyContext, label: string, count: number, parallel: number) {
  const postMs: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const run = await APPROVE.run(ctx, `${label} ${next++} ${Date.now()}`);
        postMs.push(...run.decisionPostMs);
      }
    }),
  );
  return { postMs, seconds: (performance.now() - started) / 1000 };
}

export async function measureJourneys(total = 60, concurrency = 8): Promise<JourneyFigures> {
  // The runtime meters only while a count runs; the timings below run with its hooks idle.
  process.env.PARTNERFLOW_METER = "1";
  const journey = await Journey.start();
  delete process.env.PARTNERFLOW_METER;
  const ctx: JourneyContext = { journey, officers: staffOf(process.env) };
  try {
    // The resume sweep's schedule is not part of any journey; left running it could fall inside a count.
    await journey.runtime.scheduler.stop();
    // Nor the review schedules' minute timer: the review journey fires its schedule itself.
    journey.runtime.reviewScheduler?.stopTimer();
    const meter = journey.runtime.meter;
    if (!meter) throw new Error("the runtime started without its usage meter");
    // Module loading is not what is counted or timed: each journey runs once first.
    for (const definition of COUNTED_JOURNEYS) {
      const tag = `warm-up ${Date.now()}`;
      await definition.run(ctx, tag, await definition.setUp?.(ctx, tag));
    }
    const counted: CountedJourney[] = [];
    for (const definition of COUNTED_JOURNEYS) {
      const stretches: Stretch[] = [];
      const tag = `counted ${Date.now()}`;
      // What the journey starts from is not counted.
      const from = await definition.setUp?.(ctx, tag);
      await settled(ctx);
      const { usage } = await meter.measure(async () => {
        let last = await meter.sample();
        const mark = async (name: string) => {
          await settled(ctx);
          const now = await meter.sample();
          stretches.push({ name, usage: usageBetween(last, now) });
          last = now;
        };
        await definition.run({ ...ctx, mark }, tag, from);
        // Until every invocation has ended: a journey may end while its execution waits for the next person.
        await settled(ctx);
      });
      counted.push({ journey: definition, usage, cost: journeyCost(usage, costContext(journey)), stretches });
    }
    // One decision at a time: the latency an officer sees, without queueing behind other journeys.
    const alone = await pass(ctx, "alone", 30, 1);
    const loaded = await pass(ctx, "loaded", total, concurrency);
    return {
      counted,
      journeys: total,
      concurrency,
      perSecond: total / loaded.seconds,
      decisionPostP95Ms: percentile(alone.postMs, 95),
      decisionPostP95UnderLoadMs: percentile(loaded.postMs, 95),
    };
  } finally {
    await journey.stop();
  }
}
