/**
 * Where a partnership stands in its workflows, for the console's diagram, from its ledger: every event records
 * the state of the workflow that recorded it (LedgerEvent.step), so the latest event's state is where the
 * workflow last was (a human step waiting: its Await… state, which opened it). A task that leads only to an end
 * state (recording the renewal, marking it at risk, recording a failure) has taken the workflow there: its end
 * state. Once the onboarding has ended, its end state by the stage (an active partnership: Active; declined:
 * Declined; expired: Expired), unless it failed, or a vetting renewal has recorded since. The two workflows share
 * the failure's states (RecordWorkflowFailure, WorkflowFailed): the WorkflowFailed event's `round`, which only the
 * renewal's carries, says whose. Honest about what it is: the latest recorded state, not a live reading of Step
 * Functions (which keeps executions 90 days; the ledger is kept as long as the table). A partnership that needs
 * attention (issue 13) is at the state that failed, which its WorkflowFailed names. The periodic review (issue 13)
 * is not drawn: a partnership in review, or reviewed since its last drawn state, says so in `headline`; one
 * withdrawn or terminated has no current state (its workflows were stopped), only the last one drawn.
 */
import type { Stage } from "./lifecycle.ts";
import type { AslGraph, WorkflowName } from "./workflow-asl.ts";

export interface WorkflowPosition {
  readonly workflow: WorkflowName;
  /** A state of that workflow, or undefined when nothing places it (no event names a state drawn). */
  readonly state: string | undefined;
  /** How it was found, in words. */
  readonly because: string;
  /** Where the partnership stands when that is not a state drawn (ended, in review, reviewed since), in words. */
  readonly headline?: string;
}

/** What the position reads of an event: its state, and for a failure its type and data (the renewal's round). */
export interface PlacedEvent {
  readonly seq: number;
  readonly step?: string | undefined;
  readonly type?: string;
  readonly data?: unknown;
  /** When it was recorded (ISO), for the day a review renewed. */
  readonly at?: string;
}

/** The onboarding's end state for a stage it ends in. */
const END_STATES: Partial<Record<Stage, string>> = {
  ACTIVE: "Active",
  DECLINED: "Declined",
  EXPIRED: "Expired",
};

const ENDS = new Set(["Succeed", "Fail"]);

/** The end state a Task leads to and nowhere else (its Catch aside: a failure records its own event), if any. */
function endAfter(graph: AslGraph, state: string): string | undefined {
  const s = graph.States[state];
  if (s?.Type !== "Task" || s.Next === undefined) return undefined;
  return ENDS.has(graph.States[s.Next]?.Type ?? "") ? s.Next : undefined;
}

/** Which workflow recorded event `index` (a state of both: the failure's, whose WorkflowFailed event says). */
function workflowOf(
  events: readonly PlacedEvent[],
  index: number,
  graphs: Readonly<Record<WorkflowName, AslGraph>>,
): WorkflowName {
  const inRenewal = (step: string) => Object.hasOwn(graphs["vetting-renewal"].States, step);
  const inOnboarding = (step: string) => Object.hasOwn(graphs.onboarding.States, step);
  const step = events[index]?.step ?? "";
  if (!inOnboarding(step)) return "vetting-renewal";
  if (!inRenewal(step)) return "onboarding";
  for (let i = index; i >= 0; i--) {
    const e = events[i];
    if (e?.type === "WorkflowFailed") {
      const { round, workflow } = (e.data ?? {}) as { round?: unknown; workflow?: unknown };
      // Since issue 13 the failure names its workflow.
      if (typeof workflow === "string" && Object.hasOwn(graphs, workflow)) return workflow as WorkflowName;
      return typeof round === "string" ? "vetting-renewal" : "onboarding";
    }
    // No failure event before it (not recorded yet): the workflow of the state before.
    if (e?.step !== undefined && inRenewal(e.step) !== inOnboarding(e.step))
      return inRenewal(e.step) ? "vetting-renewal" : "onboarding";
  }
  return "onboarding";
}

/**
 * A partnership that needs attention is where its workflow failed: the state its WorkflowFailed names (issue 13),
 * the one a retry resumes at. Undefined when no failure names a state drawn (one recorded before issue 13).
 */
function failedAt(
  events: readonly PlacedEvent[],
  graphs: Readonly<Record<WorkflowName, AslGraph>>,
): WorkflowPosition | undefined {
  const failure = events.findLast((e) => e.type === "WorkflowFailed" && (e.data as { from?: unknown })?.from);
  const { workflow, state } = (failure?.data ?? {}) as { workflow?: unknown; state?: unknown };
  if (!failure || typeof workflow !== "string" || typeof state !== "string") return undefined;
  if (!Object.hasOwn(graphs, workflow)) return undefined;
  const name = workflow as WorkflowName;
  if (!Object.hasOwn(graphs[name].States, state)) return undefined;
  return {
    workflow: name,
    state,
    because: `the partnership needs attention: the ${name.replace(/-/g, " ")} failed at ${state} (seq ${failure.seq}), where a retry resumes it`,
  };
}

const ENDED_BY: Partial<Record<Stage, { type: string; words: string }>> = {
  WITHDRAWN: { type: "PartnershipWithdrawn", words: "Withdrawn by the partner" },
  TERMINATED: { type: "PartnershipTerminated", words: "Terminated by the office" },
};

/** A round's number, as its events carry it. */
const roundOf = (e: PlacedEvent | undefined): string =>
  String((e?.data as { round?: unknown })?.round ?? "?");

/** What the periodic review says of a partnership, when it is where the partnership stands. */
function reviewHeadline(stage: Stage, events: readonly PlacedEvent[], after: number): string | undefined {
  if (stage === "IN_REVIEW") {
    const started = events.findLast((e) => e.type === "ReviewStarted");
    return started
      ? `In its periodic review (round ${roundOf(started)}, begun at seq ${started.seq})`
      : "In its periodic review";
  }
  const done = events.findLast((e) => e.type === "ReviewCompleted");
  if (!done || done.seq < after) return undefined;
  const { outcome, nextReviewOn } = (done.data ?? {}) as { outcome?: unknown; nextReviewOn?: unknown };
  const day = done.at ? ` on ${done.at.slice(0, 10)}` : "";
  const next = typeof nextReviewOn === "string" ? `; the next review is due ${nextReviewOn}` : "";
  const how: Record<string, string> = {
    renew: `Active; last review (round ${roundOf(done)}) renewed${day}${next}`,
    amend: `The last review (round ${roundOf(done)}) amended the agreement${day}`,
    terminate: `Terminated by its periodic review (round ${roundOf(done)})${day}: the workflow was stopped`,
    expired: `The last review (round ${roundOf(done)}) expired${day}`,
  };
  return how[String(outcome)] ?? `Reviewed (round ${roundOf(done)})${day}`;
}

export function positionOf(
  stage: Stage,
  events: readonly PlacedEvent[],
  graphs: Readonly<Record<WorkflowName, AslGraph>>,
): WorkflowPosition {
  const attention = stage === "NEEDS_ATTENTION" ? failedAt(events, graphs) : undefined;
  if (attention) return attention;
  const { seq: drawnSeq, ...placedAt } = placed(stage, events, graphs);
  const drawn: { -readonly [K in keyof WorkflowPosition]: WorkflowPosition[K] } = { ...placedAt };
  const last = events.at(-1)?.seq;
  // An amendment declined records by the onboarding's decline state (the review runs its signing steps by their
  // names), but the partnership is active again on the agreement in force: the onboarding's Active, said so.
  // Placed there still when a vetting renewal has recorded nothing since (a later review is not drawn).
  // So it was, when it has ended since (withdrawn, terminated) or is in review again: never Declined.
  const lastDeclined = events.findLast((e) => e.type === "AmendmentDeclined");
  const drawnStep = events.find((e) => e.seq === drawnSeq)?.step;
  // A lapse records by the review's own LapseAmendment, which the onboarding's graph has not: placed before it.
  const lapsed = (lastDeclined?.data as { lapsed?: unknown } | undefined)?.lapsed === true;
  const sameStep = drawnStep === lastDeclined?.step && (drawnSeq ?? 0) >= (lastDeclined?.seq ?? 0);
  const declined =
    lastDeclined && (sameStep || (lapsed && (drawnSeq ?? 0) < lastDeclined.seq)) ? lastDeclined : undefined;
  if (declined && stage !== "ACTIVE") {
    drawn.workflow = "onboarding";
    drawn.state = END_STATES.ACTIVE;
    drawn.because = `seq ${declined.seq} recorded the amendment ${lapsed ? "lapsed" : "declined"}: the partnership was active again on the agreement in force`;
  }
  if (declined && stage === "ACTIVE") {
    const day = declined.at ? ` on ${declined.at.slice(0, 10)}` : "";
    const what = lapsed ? "lapsed (not signed in time)" : "was declined";
    return {
      workflow: "onboarding",
      state: END_STATES.ACTIVE,
      headline:
        reviewHeadline(stage, events, declined.seq + 1) ??
        `Active; the amendment from its last review (round ${roundOf(declined)}) ${what}${day}: the agreement in force stays`,
      because: `seq ${declined.seq} recorded the amendment ${lapsed ? "lapsed" : "declined"}: the partnership is active again on the agreement in force`,
    };
  }
  const ending = ENDED_BY[stage];
  const ended = ending ? events.findLast((e) => e.type === ending.type) : undefined;
  const review = reviewHeadline(stage, events, drawnSeq ?? 0);
  if (ending) {
    const where = drawn.state ? `; the last state drawn was ${drawn.state} (${drawn.because})` : "";
    return {
      workflow: drawn.workflow,
      state: undefined,
      headline: !ended && review ? review : `${ending.words}: the workflow was stopped`,
      because: `${ended ? `seq ${ended.seq} recorded the ending` : `the partnership is ${stage}`}${where}`,
    };
  }
  if (review) {
    return {
      ...drawn,
      headline: review,
      because: `${drawn.because}; the periodic review, recorded since${last ? ` (to seq ${last})` : ""}, is not drawn`,
    };
  }
  return drawn;
}

/** The latest state drawn, and the seq of the event that placed it. */
function placed(
  stage: Stage,
  events: readonly PlacedEvent[],
  graphs: Readonly<Record<WorkflowName, AslGraph>>,
): WorkflowPosition & { seq?: number } {
  const index = events.findLastIndex(
    (e) =>
      e.step !== undefined &&
      (Object.hasOwn(graphs.onboarding.States, e.step) ||
        Object.hasOwn(graphs["vetting-renewal"].States, e.step)),
  );
  const latest = events[index];
  const step = latest?.step;
  if (!latest || step === undefined) {
    const end = END_STATES[stage];
    return end && Object.hasOwn(graphs.onboarding.States, end)
      ? {
          workflow: "onboarding",
          state: end,
          because: `the onboarding has ended: the partnership is ${stage}`,
        }
      : {
          workflow: "onboarding",
          state: undefined,
          because: "no ledger event names a state of the workflow",
        };
  }
  const workflow = workflowOf(events, index, graphs);
  const graph = graphs[workflow];
  const end = endAfter(graph, step);
  const failed = end !== undefined && graph.States[end]?.Type === "Fail";
  const newest = events.at(-1)?.seq ?? latest.seq;
  const which =
    newest === latest.seq
      ? `the latest ledger event (seq ${latest.seq})`
      : `the latest ledger event a drawn state recorded (seq ${latest.seq} of ${newest})`;
  const recorded = `${which} was recorded by ${
    workflow === "vetting-renewal" ? "the vetting renewal's state" : "the state"
  } ${step}`;
  if (workflow === "onboarding" && !failed) {
    const ended = END_STATES[stage];
    if (ended && Object.hasOwn(graph.States, ended))
      return {
        workflow,
        state: ended,
        because: `the onboarding has ended: the partnership is ${stage}`,
        seq: latest.seq,
      };
  }
  return end
    ? { workflow, state: end, because: `${recorded}, which leads only to ${end}`, seq: latest.seq }
    : { workflow, state: step, because: recorded, seq: latest.seq };
}
