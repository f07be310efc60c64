/** Prepares an ASL definition for the local engine: task kinds, timeouts (overridden, clamped), token placeholder. */
import type { AslDefinition, AslState } from "./template.ts";

/** Node timers overflow past 2^31-1 ms (24.8 days): longer timeouts are clamped to this. */
export const MAX_TIMER_SECONDS = 2_147_483;

/** What $$.Task.Token evaluates to in the context object; each callback replaces it with a fresh token. */
export const TASK_TOKEN_PLACEHOLDER = "partnerflow-local:task-token-placeholder";

/**
 * What $$.State.Name evaluates to: the engine gives one context object per execution, so each task replaces
 * this with its own state's name.
 */
export const STATE_NAME_PLACEHOLDER = "partnerflow-local:state-name-placeholder";

export type TaskKind =
  | { kind: "invoke"; timeoutSeconds: number | undefined }
  | { kind: "callback"; timeoutSeconds: number | undefined }
  | { kind: "function"; functionName: string; timeoutSeconds: number | undefined };

export interface PreparedDefinition {
  readonly definition: AslDefinition;
  /** Every Task state, nested ones included, by state name (unique across a state machine). */
  readonly tasks: ReadonlyMap<string, TaskKind>;
}

const INVOKE = /^arn:[^:]+:states:::lambda:invoke$/;
const CALLBACK = /^arn:[^:]+:states:::lambda:invoke\.waitForTaskToken$/;
const FUNCTION = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/;

/** The function name from a name, partial or full Lambda ARN (with or without a qualifier). */
export function functionNameOf(nameOrArn: string): string {
  const full = FUNCTION.exec(nameOrArn);
  if (full?.[1]) return full[1];
  const partial = /(?:^|:)function:([^:]+)/.exec(nameOrArn);
  return partial?.[1] ?? nameOrArn;
}

export function prepareDefinition(
  source: AslDefinition,
  overridesSeconds: Readonly<Record<string, number>>,
  onClamp: (stateName: string, seconds: number) => void,
): PreparedDefinition {
  const definition = structuredClone(source) as AslDefinition & { TimeoutSeconds?: number };
  const tasks = new Map<string, TaskKind>();
  const clamp = (name: string, seconds: number) => {
    if (seconds <= MAX_TIMER_SECONDS) return seconds;
    onClamp(name, seconds);
    return MAX_TIMER_SECONDS;
  };
  if (typeof definition.TimeoutSeconds === "number")
    definition.TimeoutSeconds = clamp("(state machine)", definition.TimeoutSeconds);

  const walk = (states: Record<string, AslState>) => {
    for (const [name, state] of Object.entries(states)) {
      const s = state as Record<string, unknown>;
      if (s.Type === "Task") {
        const override = overridesSeconds[name];
        if (override !== undefined) s.TimeoutSeconds = clamp(name, override);
        else if (typeof s.TimeoutSeconds === "number") s.TimeoutSeconds = clamp(name, s.TimeoutSeconds);
        // AWS has no default task timeout; the local engine's is 60 s, so make "none" explicit.
        else if (s.TimeoutSecondsPath === undefined) s.TimeoutSeconds = MAX_TIMER_SECONDS;
        tasks.set(name, taskKind(name, s));
      }
      for (const branch of (s.Branches as { States: Record<string, AslState> }[] | undefined) ?? [])
        walk(branch.States);
      for (const nested of [s.Iterator, s.ItemProcessor] as (
        | { States: Record<string, AslState> }
        | undefined
      )[])
        if (nested) walk(nested.States);
    }
  };
  walk(definition.States);
  return { definition, tasks };
}

function taskKind(name: string, state: Record<string, unknown>): TaskKind {
  const resource = String(state.Resource);
  const timeoutSeconds = typeof state.TimeoutSeconds === "number" ? state.TimeoutSeconds : undefined;
  if (INVOKE.test(resource)) return { kind: "invoke", timeoutSeconds };
  if (CALLBACK.test(resource)) return { kind: "callback", timeoutSeconds };
  const fn = FUNCTION.exec(resource);
  if (fn?.[1]) return { kind: "function", functionName: fn[1], timeoutSeconds };
  throw new Error(
    `State ${name}: resource ${resource} is not supported by the local runtime ` +
      "(only Lambda: a function ARN, lambda:invoke or lambda:invoke.waitForTaskToken)",
  );
}

/** Replaces a placeholder everywhere in a payload (also inside strings). */
function replaced(value: unknown, placeholder: string, by: string): unknown {
  if (typeof value === "string") return value.split(placeholder).join(by);
  if (Array.isArray(value)) return value.map((v) => replaced(v, placeholder, by));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaced(v, placeholder, by)]));
  return value;
}

/** The payload with the callback's own task token in place of the placeholder. */
export function withTaskToken(value: unknown, token: string): unknown {
  return replaced(value, TASK_TOKEN_PLACEHOLDER, token);
}

/** The payload with the task's own state name in place of the placeholder. */
export function withStateName(value: unknown, stateName: string): unknown {
  return replaced(value, STATE_NAME_PLACEHOLDER, stateName);
}
