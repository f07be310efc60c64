/**
 * How the generic handlers look a step up, apart from the list of every step (index.ts): a function that
 * serves one family of steps imports this and its family, and carries no other step's pages.
 */
import type { HumanStep } from "./step.ts";

/** Steps by kind as the generic handlers look them up: a family, every step, or (in a test) one that adds to it. */
export type StepRegistry = Readonly<Record<string, HumanStep>>;

/** The step a stored decision belongs to; undefined for a kind this registry does not know. */
export function stepOf(registry: StepRegistry, kind: string): HumanStep | undefined {
  return Object.hasOwn(registry, kind) ? registry[kind] : undefined;
}
