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
  rows.push(info(of("S3 requests"), String(sum(Object.values(usage.s3)))));
  for (const [operation, count] of byName(usage.s3)) rows.push(info(`  ${operation}`, String(count)));
  rows.push(
    info(of("HTTP API requests"), String(usage.httpRequests)),
    budgeted(
      of(
        `cost on AWS (${PRICES.region}, list prices of ${PRICES.takenOn}, S3 and KMS of ${PRICES.s3AndKmsTakenOn})`,
      ),
      cost.totalUsd,
      budgets.maxCostUsd,
      usd,
    ),
  );
  for (const line of cost.lines) rows.push(info(`  ${line.service} (${line.quantity})`, usd(line.usd)));
  return rows;
}

/** A stretch of a journey, as journeys.ts measures it. */
export interface StretchUsage {
  readonly name: string;
  readonly usage: Usage;
}

/**
 * A journey's stretches as a small table of their own: what each asked of the services, so that the stretch that
 * costs most can be seen. Its lines end with the totals, which are the journey's own counts.
 */
export function stretchTable(journey: JourneyDefinition, stretches: readonly StretchUsage[]): string[] {
  if (stretches.length === 0) return [];
  const columns = ["transitions", "Lambda", "DynamoDB", "emails", "S3", "HTTP"] as const;
  const counts = (u: Usage) => [
    u.stateTransitions,
    sum(Object.values(u.lambdaMs).map((d) => d.length)),
    sum(Object.values(u.dynamodb).map((d) => d.requests)),
    u.recipients,
    sum(Object.values(u.s3)),
    u.httpRequests,
  ];
  const body = stretches.map((s, i) => [`${i + 1}. ${s.name}`, ...counts(s.usage).map(String)]);
  const totals = columns.map((_, c) => String(sum(body.map((row) => Number(row[c + 1])))));
  const all = [[`${journey.name} journey, by stretch`, ...columns], ...body, ["total", ...totals]];
  const widths = all[0]?.map((_, c) => Math.max(...all.map((row) => (row[c] ?? "").length))) ?? [];
  return all.map((row) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  "),
  );
}
