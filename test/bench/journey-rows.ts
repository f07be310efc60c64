/** One counted journey as table rows: what it asked of each service, and what that costs on AWS. Pure. */
import type { Usage } from "#infra/local/meter.ts";
import { dynamodbKind, type JourneyCost, usd } from "./cost.ts";
import type { JourneyDefinition } from "./journey-definitions.ts";
import { PRICES } from "./prices.ts";
import { info, type Row } from "./table.ts";

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const byName = <T>(record: Readonly<Record<string, T>>) =>
  Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

function budgeted(
  metric: string,
  value: number,
  max: number | undefined,
  format: (n: number) => string = String,
): Row {
  return max === undefined
    ? info(metric, format(value))
    : { metric, value: format(value), budget: `<= ${format(max)}`, ok: value <= max };
}

export function journeyRows(journey: JourneyDefinition, usage: Usage, cost: JourneyCost): Row[] {
  const of = (what: string) => `${journey.name} journey: ${what}`;
  const { budgets } = journey;
  const rows: Row[] = [
    budgeted(of("state transitions"), usage.stateTransitions, budgets.maxStateTransitions),
    info(of("Lambda invocations"), String(sum(Object.values(usage.lambdaMs).map((d) => d.length)))),
  ];
  for (const [name, durations] of byName(usage.lambdaMs))
    rows.push(info(`  ${name}`, `${durations.length} (${Math.ceil(sum(durations))} ms locally)`));

  const dynamodb = byName(usage.dynamodb);
  rows.push(
    budgeted(of("DynamoDB requests"), sum(dynamodb.map(([, u]) => u.requests)), budgets.maxDynamoDbRequests),
  );
  for (const kind of ["read", "write", "other"] as const) {
    for (const [operation, u] of dynamodb.filter(([op]) => dynamodbKind(op) === kind)) {
      const failed = u.failed > 0 ? `, ${u.failed} failed` : "";
      rows.push(info(`  ${kind} ${operation}`, `${u.requests} (${u.capacityUnits} units${failed})`));
    }
  }
  rows.push(
    info("  index writes (global secondary indexes)", `${usage.dynamodbIndexWriteUnits} units`),
    info(of("SES emails"), `${usage.recipients} (${usage.emails} messages)`),
    info(of("Step Functions API calls"), String(sum(Object.values(usage.stepFunctionsCalls)))),
  );
  for (const [operation, count] of byName(usage.stepFunctionsCalls))
    rows.push(info(`  ${operation}`, String(count)));
  rows.push(
    info(of("HTTP API requests"), String(usage.httpRequests)),
    budgeted(
      of(`cost on AWS (${PRICES.region}, list prices of ${PRICES.takenOn})`),
      cost.totalUsd,
      budgets.maxCostUsd,
      usd,
    ),
  );
  for (const line of cost.lines) rows.push(info(`  ${line.service} (${line.quantity})`, usd(line.usd)));
  return rows;
}
