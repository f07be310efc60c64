/** Deciding a human step exactly once, and finishing a decision whose resume was cut short. */

import { canonicalJson, type Json } from "../domain/canonical-json.ts";
import { LinkUsedError } from "../domain/errors.ts";
import type { EventDraft } from "../domain/ledger.ts";
import {
  type Decision,
  type Resubmission,
  resumeIsOverdue,
  type Shown,
  type SignedInAs,
} from "../domain/partnership.ts";
import { missingDrafts } from "../domain/pending-effects.ts";
import { eventDraft } from "../events/draft.ts";
import { errorName, log } from "../http/log.ts";
import type { PartnershipRecord } from "../ports/partnership-repository.ts";
import { DecisionWindowClosedError } from "../ports/workflow.ts";
import { type StepRegistry, stepOf } from "../steps/registry.ts";
import type { HumanStep } from "../steps/step.ts";
import { findLink, type LinkRequest, type OpenLink, resolveToDecide } from "./decision-links.ts";
import type { Needs } from "./dependencies.ts";

/** A decision an earlier POST made but was cut short before the workflow resumed, which this call finished. */
export interface FinishedDecision {
  finished: { decision: Decision; record: PartnershipRecord };
}

/**
 * Resolves a link that is about to decide; or, when its decision was made by an earlier POST that was cut
 * short, finishes it and says so (see finishInterruptedDecision); link errors otherwise, as for display.
 */
export async function resolveForDecision(
  deps: Needs<"repository" | "clock" | "resumer">,
  registry: StepRegistry,
  request: LinkRequest,
): Promise<OpenLink | FinishedDecision> {
  try {
    return await resolveToDecide(deps, registry, request);
  } catch (error) {
    if (!(error instanceof LinkUsedError)) throw error;
    const finished = await finishInterruptedDecision(deps, registry, request);
    if (finished) return { finished };
    throw error;
  }
}

/**
 * Resumes the workflow with a decision just closed. A retried attempt of its task (a new task token) may have
 * taken it over between the read that resolved its link and the close (open-step's reattachDecision): when the
 * token read first has closed, the decision is read again and the workflow resumed with the token it waits on.
 */
async function resumeAwaiting(
  deps: Needs<"repository" | "resumer">,
  closed: Decision,
  output: Record<string, unknown>,
): Promise<void> {
  try {
    await deps.resumer.resume(closed.taskToken, output);
  } catch (error) {
    if (!(error instanceof DecisionWindowClosedError)) throw error;
    const stored = await deps.repository.getDecision(closed.partnershipId, closed.decisionId);
    if (!stored || stored.taskToken === closed.taskToken) throw error;
    await deps.resumer.resume(stored.taskToken, output);
  }
}

/** The ledger event that records a decision of this step, and the state that made it. */
function decidedBy(step: HumanStep | undefined) {
  return { type: step?.events?.decided ?? "StepDecided", state: step?.state };
}

/**
 * Closes the decision (one caller wins), records it in the ledger, then resumes the workflow. The output is
 * stored with the decision, so that a repeated POST can finish a resume that a crash cut short. So is a
 * resubmission's corrected intake: nothing of a POST that loses the link is written.
 */
export async function closeAndResume(
  deps: Needs<"repository" | "clock" | "resumer">,
  open: OpenLink,
  result: {
    outcome: string;
    comment: string;
    actor: string;
    resubmission?: Resubmission | undefined;
    details?: { [key: string]: Json } | undefined;
    shown?: Shown | undefined;
    signedInAs?: SignedInAs | undefined;
  },
  output: Record<string, unknown>,
): Promise<void> {
  const decidedAt = deps.clock.now().toISOString();
  const resumeOutput = JSON.stringify(output);
  const closed: Decision = {
    ...open.decision,
    linkTokenHash: open.link.tokenHash,
    status: "decided",
    outcome: result.outcome,
    comment: result.comment,
    decidedAt,
    decidedBy: result.actor,
    resumeOutput,
    resubmission: result.resubmission,
    details: result.details,
    shown: result.shown,
    signedInAs: result.signedInAs,
  };
  await deps.repository.closeDecision(closed, {
    outcome: result.outcome,
    comment: result.comment,
    decidedAt,
    decidedBy: result.actor,
    resumeOutput,
    resubmission: result.resubmission,
    details: result.details,
    shown: result.shown,
    signedInAs: result.signedInAs,
  });
  try {
    const intake = await applyResubmission(deps, closed, decidedAt);
    // Chained after the head read with the link (one read fewer); the ledger is read again only if someone
    // appended since, and an event of this decision already there (a finish got in first) is not written again.
    await deps.repository.appendEventsOnce(
      decidedEvents(open.step, closed, decidedAt, intake),
      open.head?.seq ?? 0,
      open.head,
    );
    await resumeAwaiting(deps, closed, output);
  } catch (error) {
    if (error instanceof DecisionWindowClosedError) {
      await noteSettled(deps, closed, "window-closed");
    } else {
      // Decided, but not recorded or not resumed. The officer is asked to try again: noted, so that the repeat
      // finishes it at once (finishInterruptedDecision); if nobody does, the scheduled sweep
      // (resumeStalledDecisions) does. Best effort: unnoted, both still finish it once the decision is a minute
      // old (STALLED_AFTER_MS).
      await deps.repository
        .markResumeFailed(closed, deps.clock.now().toISOString())
        .catch((marking: unknown) => warn("could not note a failed resume", marking));
    }
    throw error;
  }
  await noteSettled(deps, closed, "resumed");
}

/**
 * Takes a decision out of the unresumed ones once its resume has ended. Best effort: a decision left there is
 * tried again by the sweep, which the engine then refuses (the task has moved on), and that is noted instead
 * (as the window closed: the one case where resumeWindowClosedAt follows a resume that went through).
 */
async function noteSettled(
  deps: Needs<"repository" | "clock">,
  decision: Decision,
  how: "resumed" | "window-closed",
): Promise<void> {
  await deps.repository
    .noteResumeEnded(decision, how, deps.clock.now().toISOString())
    .catch((error: unknown) => warn("could not note the end of a resume", error));
}

function warn(message: string, error: unknown): void {
  log("warn", message, { error: errorName(error) });
}

/**
 * The ledger events of a decision made: a resubmission's new intake version, then the decision. Built from the
 * stored decision (and whether its intake became that version), so that whoever records it (the deciding
 * POST, a repeat, the sweep) writes the same.
 */
function decidedEvents(
  step: HumanStep | undefined,
  decision: Decision,
  at: string,
  intake: IntakeApplied,
): EventDraft[] {
  const { type, state } = decidedBy(step);
  const origin = {
    partnershipId: decision.partnershipId,
    at,
    actor: decision.decidedBy ?? "unknown",
    step: state,
  };
  const { resubmission } = decision;
  return [
    ...(resubmission && intake === "applied"
      ? [
          eventDraft("IntakeResubmitted", origin, {
            intakeVersion: resubmission.intakeVersion,
            intake: resubmission.intake as unknown as Record<string, unknown>,
            decisionId: decision.decisionId,
          }),
        ]
      : []),
    eventDraft(type, origin, {
      kind: decision.kind,
      decisionId: decision.decisionId,
      outcome: decision.outcome ?? "",
      comment: decision.comment ?? "",
      // Its answers came too late to be a version of the intake (see applyResubmission).
      ...(intake === "superseded" ? { intakeSuperseded: true } : {}),
      ...(decision.details ? { details: decision.details } : {}),
      ...(decision.shown ? { shown: { ...decision.shown } } : {}),
      ...(decision.signedInAs ? { signedInAs: { ...decision.signedInAs } } : {}),
    }),
  ];
}

/** What became of a decision's intake: none brought, made the partnership's, or beaten to its version. */
type IntakeApplied = "none" | "applied" | "superseded";

/**
 * Makes a resubmission's intake the partnership's current one, before the workflow resumes to assess it.
 * Safe to repeat: the partnership notes which decision set each version (intakeVersionBy), so a version this
 * decision applied is found as applied whatever has happened since. Superseded when another decision took that
 * version: possible only when a retried step opened a second resubmission, which the partner answered while
 * this one's POST had been cut short; the ledger then records this decision without an intake version.
 */
async function applyResubmission(
  deps: Needs<"repository">,
  decision: Decision,
  at: string,
): Promise<IntakeApplied> {
  const { resubmission, partnershipId, decisionId } = decision;
  if (!resubmission) return "none";
  const { intake, intakeVersion } = resubmission;
  if (await deps.repository.applyIntakeVersion(partnershipId, intake, intakeVersion, at, decisionId))
    return "applied";
  const current = await deps.repository.getPartnership(partnershipId);
  const setBy = current?.intakeVersionBy?.find((entry) => entry.version === intakeVersion)?.decisionId;
  // A version applied before the partnership noted who set it: the answers say whether it is this one.
  const ours =
    setBy !== undefined
      ? setBy === decisionId
      : current?.intakeVersion === intakeVersion && canonicalJson(current.intake) === canonicalJson(intake);
  if (!ours) log("error", "a resubmission's intake version holds other answers", { partnershipId });
  return ours ? "applied" : "superseded";
}

/**
 * What the ledger says of a resubmission's intake version, if it says anything: recorded for this decision
 * (applied), or for another (superseded). Undefined when the version is not in the ledger yet.
 */
function recordedIntake(record: PartnershipRecord, decision: Decision): IntakeApplied | undefined {
  const { resubmission } = decision;
  if (!resubmission) return "none";
  const recorded = record.events.find(
    (e) => e.type === "IntakeResubmitted" && e.data.intakeVersion === resubmission.intakeVersion,
  );
  if (!recorded) return undefined;
  // Events written before they named their decision are told apart by their answers.
  const ours =
    recorded.data.decisionId !== undefined
      ? recorded.data.decisionId === decision.decisionId
      : canonicalJson(recorded.data.intake) === canonicalJson(resubmission.intake);
  return ours ? "applied" : "superseded";
}

/**
 * Records a decision made whose POST was cut short: its intake applied, and those of its ledger events that
 * are missing written. Also for a decision past its expiry, which nothing resumes any more: what the partner
 * or officer sent in time is not lost.
 */
export async function recordDecision(
  deps: Needs<"repository">,
  record: PartnershipRecord,
  decision: Decision,
  registry: StepRegistry,
): Promise<void> {
  const { decidedAt } = decision;
  if (decidedAt === undefined) throw new RangeError(`Decision ${decision.decisionId} was not made`);
  // The ledger only grows, so it is what says what was done: once the decision's own event is there (it is
  // written last), there is nothing left to do, whatever has happened to the partnership since.
  const step = stepOf(registry, decision.kind);
  const { type } = decidedBy(step);
  if (record.events.some((e) => e.type === type && e.data.decisionId === decision.decisionId)) return;
  const intake = recordedIntake(record, decision) ?? (await applyResubmission(deps, decision, decidedAt));
  const missing = missingDrafts(record.events, decidedEvents(step, decision, decidedAt, intake));
  if (missing.length > 0) {
    const head = record.events.at(-1);
    await deps.repository.appendEventsOnce(missing, head?.seq ?? 0, head);
  }
}

/**
 * A POST on a link whose decision is already made. When the earlier POST closed the decision but crashed
 * before it resumed the workflow, the decision would be lost: the workflow would wait until it times out.
 * So the stored output is sent again (and the ledger event written if it is missing). The engine refuses to
 * resume a task it has moved past; then the link was simply used, and the caller answers 410.
 * The decision and its record when this call resumed the workflow.
 */
export async function finishInterruptedDecision(
  deps: Needs<"repository" | "clock" | "resumer">,
  registry: StepRegistry,
  request: LinkRequest,
): Promise<{ decision: Decision; record: PartnershipRecord } | undefined> {
  const link = await findLink(deps, request.token, "decision");
  if (!link.decisionId) return undefined;
  const found = await readOverdueDecision(deps, link.partnershipId, link.decisionId, deps.clock.now());
  if (!found || found.decision.linkTokenHash !== link.tokenHash) return undefined;
  if (stepOf(registry, found.decision.kind)?.linkPath !== request.linkPath) return undefined;
  return (await finishResume(deps, found.record, found.decision, registry)) === "resumed" ? found : undefined;
}

/**
 * The decision and its partnership's record, read consistently (an index or a link may be behind), when the
 * decision's resume is overdue at `now` (resumeIsOverdue); undefined otherwise.
 */
export async function readOverdueDecision(
  deps: Needs<"repository">,
  partnershipId: string,
  decisionId: string,
  now: Date,
): Promise<{ record: PartnershipRecord; decision: Decision } | undefined> {
  const record = await deps.repository.getPartnershipRecord(partnershipId);
  const decision = record?.decisions.find((d) => d.decisionId === decisionId);
  return record && decision && resumeIsOverdue(decision, now) ? { record, decision } : undefined;
}

/**
 * Resumes the workflow with a decision whose resume was cut short: a resubmission's intake is applied and the
 * ledger events written first if they are missing, and how the resume ended is noted on the decision. Throws what the engine throws but a refusal.
 * Two of these at once (the sweep and the officer's repeat) write the event once (appendEventsOnce from the
 * ledger head read with the record), resume once (the engine refuses the other), and note it once.
 */
export async function finishResume(
  deps: Needs<"repository" | "clock" | "resumer">,
  record: PartnershipRecord,
  decision: Decision,
  registry: StepRegistry,
): Promise<"resumed" | "window-closed"> {
  const { resumeOutput, decidedAt } = decision;
  if (resumeOutput === undefined || decidedAt === undefined)
    throw new RangeError(`Decision ${decision.decisionId} was not made, or made without its output`);
  await recordDecision(deps, record, decision, registry);
  try {
    await deps.resumer.resume(decision.taskToken, JSON.parse(resumeOutput) as Record<string, unknown>);
  } catch (error) {
    if (!(error instanceof DecisionWindowClosedError)) throw error;
    await noteSettled(deps, decision, "window-closed");
    return "window-closed";
  }
  await noteSettled(deps, decision, "resumed");
  return "resumed";
}
