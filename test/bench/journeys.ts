/** Full onboarding journeys through the local runtime over HTTP, as partners and officers make them. */

import { Journey, linkIn } from "../e2e/harness.ts";
import { makeIntake } from "../fixtures/intake.ts";

export interface JourneyFigures {
  journeys: number;
  seconds: number;
  perSecond: number;
  /** One decision at a time. */
  decisionPostP95Ms: number;
  /** While `concurrency` journeys run at once. */
  decisionPostP95UnderLoadMs: number;
  transitionsPerJourney: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Approve journeys (intake, officer email, GET link, POST approve, VETTING): 30 one at a time, then `total`, `concurrency` at a time. */
export async function measureJourneys(total = 60, concurrency = 8): Promise<JourneyFigures> {
  const journey = await Journey.start();
  const officer = (process.env.OFFICER_EMAILS ?? "").split(",")[0] ?? "";
  const postTimes: number[] = [];
  const executionArns: string[] = [];
  const executionOf = (id: string) =>
    `${journey.runtime.stateMachineArn.replace(":stateMachine:", ":execution:")}:${id}`;
  // Waits use the engine's own signals rather than polling, so that the bench measures the system, not its poller.
  const one = async (i: number) => {
    const startedAt = Date.now();
    const name = `Bench Partner ${i} ${startedAt}`;
    const response = await journey.submitJson(makeIntake({ organisation: { name } }));
    if (response.status !== 202) throw new Error(`intake answered ${response.status}`);
    const { partnershipId, statusUrl } = (await response.json()) as {
      partnershipId: string;
      statusUrl: string;
    };
    const arn = executionOf(partnershipId);
    await journey.runtime.stepFunctions.waitForState(arn, "AwaitOfficerDecision");
    // Only this journey's mail: the officer's inbox, not the whole store, is what an officer reads.
    const mail = await journey.waitForMail(
      new RegExp(`intake review for ${name}`),
      officer,
      30_000,
      startedAt,
    );
    const link = new URL(linkIn(mail, "/decisions")).pathname;
    if ((await journey.fetch(link)).status !== 200) throw new Error("decision page failed");
    const started = performance.now();
    const decided = await journey.postForm(link, { outcome: "approve" });
    postTimes.push(performance.now() - started);
    if (decided.status !== 200) throw new Error(`decision POST answered ${decided.status}`);
    await journey.runtime.stepFunctions.waitForExecution(arn, { timeoutMs: 30_000 });
    if (!(await (await fetch(statusUrl)).text()).includes('data-stage="VETTING"'))
      throw new Error("not in VETTING");
    executionArns.push(arn);
  };
  const pass = async (count: number, parallel: number) => {
    postTimes.length = 0;
    executionArns.length = 0;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < count) await one(next++);
      }),
    );
    return (performance.now() - started) / 1000;
  };
  try {
    await one(-1); // warm-up: module loading and table creation are not what is measured
    // One decision at a time: the latency an officer sees, without queueing behind other journeys.
    await pass(30, 1);
    const decisionPostP95Ms = percentile(postTimes, 95);
    const seconds = await pass(total, concurrency);
    const transitions = executionArns.map((arn) => journey.runtime.stepFunctions.transitions(arn));
    return {
      journeys: total,
      seconds,
      perSecond: total / seconds,
      decisionPostP95Ms,
      decisionPostP95UnderLoadMs: percentile(postTimes, 95),
      transitionsPerJourney: transitions.reduce((a, b) => a + b, 0) / transitions.length,
    };
  } finally {
    await journey.stop();
  }
}
