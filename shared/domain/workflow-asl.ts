/**
 * The shape of a state machine as the auditor's diagram reads it: the ASL's states and their transitions (Next,
 * End, a Choice's branches and Default, each Catch), without what a state does. `graphOf` keeps exactly that of
 * a synthesised definition (infra/tools/write-workflow-asl.ts writes it to shared/workflows/workflows.asl.json).
 */

/** A Choice branch: where it leads, and the condition in words ("outcome = approve"). */
export interface AslChoice {
  readonly Next: string;
  readonly Condition?: string;
}

export interface AslCatch {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
}

export interface AslGraphState {
  readonly Type: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Choices?: readonly AslChoice[];
  readonly Catch?: readonly AslCatch[];
}

export interface AslGraph {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslGraphState>>;
}

/** The state machines drawn, by the name the console uses. */
export type WorkflowName = "onboarding" | "vetting-renewal";

/** A Choice rule's condition in words: `$.decision.outcome` = "approve" reads "outcome = approve". */
function conditionOf(rule: Record<string, unknown>): string | undefined {
  const variable = typeof rule.Variable === "string" ? rule.Variable.replace(/^\$\.(?:decision\.)?/, "") : "";
  for (const [key, value] of Object.entries(rule)) {
    if (key === "Variable" || key === "Next") continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      return `${variable} ${key.includes("Equals") ? "=" : key} ${String(value)}`.trim();
    if (Array.isArray(value)) {
      const parts = value.flatMap((v) =>
        typeof v === "object" && v !== null ? (conditionOf(v as Record<string, unknown>) ?? []) : [],
      );
      return parts.join(key === "Or" ? " or " : " and ");
    }
  }
  return undefined;
}

/** The transitions of one ASL definition's top-level states (the shape the diagram reads). */
export function graphOf(definition: {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, unknown>>;
}): AslGraph {
  const states: Record<string, AslGraphState> = {};
  for (const [name, raw] of Object.entries(definition.States)) {
    const s = raw as Record<string, unknown>;
    const choices = Array.isArray(s.Choices)
      ? (s.Choices as Record<string, unknown>[]).map((rule) => {
          const condition = conditionOf(rule);
          return { Next: String(rule.Next), ...(condition ? { Condition: condition } : {}) };
        })
      : undefined;
    const catches = Array.isArray(s.Catch)
      ? (s.Catch as { ErrorEquals: string[]; Next: string }[]).map((c) => ({
          ErrorEquals: [...c.ErrorEquals],
          Next: c.Next,
        }))
      : undefined;
    states[name] = {
      Type: String(s.Type),
      ...(typeof s.Next === "string" ? { Next: s.Next } : {}),
      ...(s.End === true ? { End: true } : {}),
      ...(typeof s.Default === "string" ? { Default: s.Default } : {}),
      ...(choices ? { Choices: choices } : {}),
      ...(catches ? { Catch: catches } : {}),
    };
  }
  return { StartAt: definition.StartAt, States: states };
}
