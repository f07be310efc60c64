/**
 * Where a partnership stands in its workflows, for the console's diagram, from its ledger: every event records
 * the state of the workflow that recorded it (LedgerEvent.step), so the latest event's state is where the
 * workflow last was (a human step waiting: its Await… state, which opened it). Once the onboarding has ended, its
 * end state by the stage (an active partnership: Active; declined: Declined; expired: Expired), unless a
 * vetting renewal has recorded since. Honest about what it is: the latest recorded state, not a live reading of
 * Step Functions (which keeps executions 90 days; the ledger is kept as long as the table).
 */
import type { LedgerEvent } from "./ledger.ts";
import type { Stage } from "./lifecycle.ts";
import type { AslGraph, WorkflowName } from "./workflow-asl.ts";

export interface WorkflowPosition {
  readonly workflow: WorkflowName;
  /** A state of that workflow, or undefined when nothing places it (no event names a state drawn). */
  readonly state: string | undefined;
  /** How it was found, in words. */
  readonly because: string;
}

/** The onboarding's end state for a stage it ends in. */
const END_STATES: Partial<Record<Stage, string>> = {
  ACTIVE: "Active",
  DECLINED: "Declined",
  EXPIRED: "Expired",
};

export function positionOf(
  stage: Stage,
  events: readonly Pick<LedgerEvent, "seq" | "step">[],
  graphs: Readonly<Record<WorkflowName, AslGraph>>,
): WorkflowPosition {
  const latest = events.findLast(
    (e) =>
      e.step !== undefined &&
      (Object.hasOwn(graphs.onboarding.States, e.step) ||
        Object.hasOwn(graphs["vetting-renewal"].States, e.step)),
  );
  const step = latest?.step;
  // A state of the renewal's only (the two share RecordWorkflowFailure and WorkflowFailed).
  if (
    step &&
    latest &&
    Object.hasOwn(graphs["vetting-renewal"].States, step) &&
    !Object.hasOwn(graphs.onboarding.States, step)
  )
    return {
      workflow: "vetting-renewal",
      state: step,
      because: `the latest ledger event (seq ${latest.seq}) was recorded by the vetting renewal's state ${step}`,
    };
  const end = END_STATES[stage];
  if (end && Object.hasOwn(graphs.onboarding.States, end))
    return {
      workflow: "onboarding",
      state: end,
      because: `the onboarding has ended: the partnership is ${stage}`,
    };
  if (step && latest)
    return {
      workflow: "onboarding",
      state: step,
      because: `the latest ledger event (seq ${latest.seq}) was recorded by the state ${step}`,
    };
  return {
    workflow: "onboarding",
    state: undefined,
    because: "no ledger event names a state of the workflow",
  };
}
