/** `npm run bench`: measures Partnerflow against the budgets of issue 3 and prints a table. */
import { configureLog } from "#shared/http/log.ts";
import { measureBundles } from "./bundles.ts";
import { measureJourneys } from "./journeys.ts";
import { measureStart } from "./start-time.ts";
import { printTable, type Row } from "./table.ts";

configureLog({ quiet: true });
const rows: Row[] = [];
/** `npm run bench -- bundles journeys start` measures only those sections; no arguments, all of them. */
const SECTIONS = ["bundles", "journeys", "start"] as const;
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(SECTIONS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`Unknown section(s) ${unknown.join(", ")}; choose from ${SECTIONS.join(", ")}.`);
  process.exit(2);
}
const wanted = (section: (typeof SECTIONS)[number]) => asked.length === 0 || asked.includes(section);

if (wanted("bundles")) {
  const { empty, sdkOnly, functions } = await measureBundles();
  for (const fn of functions) {
    rows.push({
      metric: `bundle ${fn.name}`,
      value: `${(fn.bytes / 1024).toFixed(1)} KiB`,
      budget: "<= 400 KiB",
      ok: fn.bytes <= 400 * 1024,
    });
  }
  rows.push({
    metric: "init (empty handler)",
    value: `${empty.initMs.toFixed(0)} ms`,
    budget: "baseline",
    ok: undefined,
  });
  for (const floor of sdkOnly) {
    rows.push({
      metric: `init ${floor.name}`,
      value: `${(floor.initMs / empty.initMs).toFixed(2)}x (${floor.initMs.toFixed(0)} ms)`,
      budget: "(info: SDK floor)",
      ok: undefined,
    });
  }
  for (const fn of functions) {
    const ratio = fn.initMs / empty.initMs;
    rows.push({
      metric: `init ${fn.name}`,
      value: `${ratio.toFixed(2)}x (${fn.initMs.toFixed(0)} ms)`,
      budget: "<= 1.5x empty",
      ok: ratio <= 1.5,
    });
  }
}

if (wanted("journeys")) {
  const journeys = await measureJourneys();
  rows.push({
    metric: "state transitions per approve journey",
    value: journeys.transitionsPerJourney.toFixed(1),
    budget: "few (reported)",
    ok: undefined,
  });
  rows.push({
    metric: `full journeys per second (${journeys.journeys})`,
    value: journeys.perSecond.toFixed(1),
    budget: ">= 20/s",
    ok: journeys.perSecond >= 20,
  });
  rows.push({
    metric: `decision POST p95 with ${8} journeys at once`,
    value: `${journeys.decisionPostP95UnderLoadMs.toFixed(1)} ms`,
    budget: "(info)",
    ok: undefined,
  });
  rows.push({
    metric: "decision POST p95 (local, one at a time)",
    value: `${journeys.decisionPostP95Ms.toFixed(1)} ms`,
    budget: "< 50 ms",
    ok: journeys.decisionPostP95Ms < 50,
  });
}

if (wanted("start")) {
  const cold = await measureStart({ synthCache: false });
  rows.push({
    metric: "first start after a CDK change (synthesizes)",
    value: `${(cold.ms / 1000).toFixed(2)} s (runtime ${cold.reportedMs} ms)`,
    budget: "(info)",
    ok: undefined,
  });
  await measureStart({ synthCache: true }); // fills the cache if the line above was the first run
  const warm = await measureStart({ synthCache: true });
  rows.push({
    metric: "local start time (npm start)",
    value: `${(warm.ms / 1000).toFixed(2)} s (runtime ${warm.reportedMs} ms)`,
    budget: "< 3 s",
    ok: warm.ms < 3000,
  });
}

printTable(rows);
process.exit(0);
