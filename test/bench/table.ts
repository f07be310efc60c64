/** Prints benchmark rows as a table against their budgets. */

export interface Row {
  metric: string;
  value: string;
  budget: string;
  ok: boolean | undefined;
}

export function printTable(rows: readonly Row[]): void {
  const header: Row = { metric: "metric", value: "measured", budget: "budget", ok: undefined };
  const all = [header, ...rows];
  const width = (key: "metric" | "value" | "budget") => Math.max(...all.map((r) => r[key].length));
  const line = (r: Row, verdict: string) =>
    `${r.metric.padEnd(width("metric"))}  ${r.value.padStart(width("value"))}  ${r.budget.padEnd(width("budget"))}  ${verdict}`;
  console.log(line(header, "result"));
  console.log("-".repeat(width("metric") + width("value") + width("budget") + 14));
  for (const r of rows) console.log(line(r, r.ok === undefined ? "(info)" : r.ok ? "ok" : "OVER BUDGET"));
}
