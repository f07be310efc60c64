/** Full onboarding journeys through the local runtime over HTTP, as partners and officers make them. */

import { Journey, linkIn } from "../e2e/harness.ts";
import { makeIntake } from "../fixtures/intake.ts";

export interface JourneyFigures {
  journeys: number;
  seconds: number;
  perSecond: number;
  decisionPostP95Ms: number;
  transitionsPerJourney: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Runs `total` approve journeys, `concurrency` at a time: intake, officer email, GET link, POST approve, VETTING. */
export async function measureJourneys(total = 60, concurrency = 8): Promise<JourneyFigures> {
  const journey = await Journey.start();
  const officer = (process.env.OFFICER_EMAILS ?? "").split(",")[0] ?? "";
  const postTimes: number[] = [];
  const executionArns: string[] = [];
  const one = async (i: number) => {
    const name = `Bench Partner ${i} ${Date.now()}`;
    const response = await journey.submitJson(makeIntake({ organisation: { name } }));
    if (response.status !== 202) throw new Error(`intake answered ${response.status}`);
    const { partnershipId, statusUrl } = (await response.json()) as {
      partnershipId: string;
      statusUrl: string;
    };
    const mail = await journey.waitForMail(new RegExp(`intake review for ${name}`), officer, 30_000);
    const link = new URL(linkIn(mail, "/decisions")).pathname;
    if ((await journey.fetch(link)).status !== 200) throw new Error("decision page failed");
    const started = performance.now();
    const decided = await journey.postForm(link, { outcome: "approve" });
    postTimes.push(performance.now() - started);
    if (decided.status !== 200) throw new Error(`decision POST answered ${decided.status}`);
    await journey.waitForStage(statusUrl, "VETTING", 30_000);
    executionArns.push(
      `${journey.runtime.stateMachineArn.replace(":stateMachine:", ":execution:")}:${partnershipId}`,
    );
  };
  try {
    await one(-1); // warm-up: module loading and table creation are not what is measured
    postTimes.length = 0;
    executionArns.length = 0;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) await one(next++);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const arn of executionArns)
      await journey.runtime.stepFunctions.waitForExecution(arn, { timeoutMs: 10_000 });
    const transitions = executionArns.map((arn) => journey.runtime.stepFunctions.transitions(arn));
    return {
      journeys: total,
      seconds,
      perSecond: total / seconds,
      decisionPostP95Ms: percentile(postTimes, 95),
      transitionsPerJourney: transitions.reduce((a, b) => a + b, 0) / transitions.length,
    };
  } finally {
    await journey.stop();
  }
}
