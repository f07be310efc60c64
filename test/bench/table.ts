/** Lays out benchmark rows as a table against their budgets. */

export interface Row {
  metric: string;
  value: string;
  budget: string;
  /** undefined: reported for information, judged against nothing. */
  ok: boolean | undefined;
}

/** A row that is information only. */
export function info(metric: string, value: string, budget = "(info)"): Row {
  return { metric, value, budget, ok: undefined };
}

export function verdict(ok: boolean | undefined): string {
  return ok === undefined ? "(info)" : ok ? "ok" : "OVER BUDGET";
}

/** The table's lines: a header, a rule, then one line a row; values right-aligned, the rest left. */
export function formatTable(rows: readonly Row[]): string[] {
  const header: Row = { metric: "metric", value: "measured", budget: "budget", ok: undefined };
  const all = [header, ...rows];
  const width = (key: "metric" | "value" | "budget") => Math.max(...all.map((r) => r[key].length));
  const line = (r: Row, result: string) =>
    `${r.metric.padEnd(width("metric"))}  ${r.value.padStart(width("value"))}  ${r.budget.padEnd(width("budget"))}  ${result}`;
  const lines = rows.map((r) => line(r, verdict(r.ok)));
  const first = line(header, "result");
  const rule = "-".repeat(Math.max(first.length, ...lines.map((l) => l.length)));
  return [first, rule, ...lines];
}

/** Whether every judged row is within its budget. */
export function allWithinBudget(rows: readonly Row[]): boolean {
  return rows.every((r) => r.ok !== false);
}
