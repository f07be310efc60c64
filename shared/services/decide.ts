/** Deciding a human step exactly once, and finishing a decision whose resume was cut short. */
import { LinkUsedError } from "../domain/errors.ts";
import type { EventDraft } from "../domain/ledger.ts";
import type { Decision, DecisionKind } from "../domain/partnership.ts";
import { log } from "../http/log.ts";
import { DecisionWindowClosedError } from "../ports/workflow.ts";
import { findLink, type OpenLink, resolveDecisionLink } from "./decision-links.ts";
import type { Needs } from "./dependencies.ts";

/**
 * Resolves a link that is about to decide. Undefined when its decision was made by an earlier POST that was
 * cut short, and this call finished it (see finishInterruptedDecision); link errors otherwise, as for display.
 */
export async function resolveForDecision(
  deps: Needs<"repository" | "clock" | "workflow">,
  token: string,
  kind: DecisionKind,
): Promise<OpenLink | undefined> {
  try {
    return await resolveDecisionLink(deps, token, kind);
  } catch (error) {
    if (error instanceof LinkUsedError && (await finishInterruptedDecision(deps, token, kind)))
      return undefined;
    throw error;
  }
}

/** Longer than any handler runs (the functions time out after 10 s): a POST this old is not still running. */
export const STALLED_AFTER_MS = 60_000;

/** The ledger event and state-machine step of each kind of decision. */
const DECIDED: Record<DecisionKind, { type: string; step: string }> = {
  "intake-review": { type: "OfficerDecided", step: "AwaitOfficerDecision" },
  resubmission: { type: "ResubmissionReceived", step: "AwaitPartnerResubmission" },
};

/**
 * Closes the decision (one caller wins), records it in the ledger, then resumes the workflow. The output is
 * stored with the decision, so that a repeated POST can finish a resume that a crash cut short.
 */
export async function closeAndResume(
  deps: Needs<"repository" | "clock" | "workflow">,
  open: OpenLink,
  result: { outcome: string; comment: string; actor: string },
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
  };
  await deps.repository.closeDecision(closed, {
    outcome: result.outcome,
    comment: result.comment,
    decidedAt,
    decidedBy: result.actor,
    resumeOutput,
  });
  await deps.repository.appendEvent(decidedEvent(closed, decidedAt));
  try {
    await deps.workflow.resume(closed.taskToken, output);
  } catch (error) {
    // The officer is asked to try again: noted, so that the repeat finishes it at once (finishInterruptedDecision).
    // Best effort: unnoted, a repeat still finishes it once the decision is STALLED_AFTER_MS old.
    if (!(error instanceof DecisionWindowClosedError)) {
      await deps.repository
        .markResumeFailed(closed, deps.clock.now().toISOString())
        .catch((marking: unknown) =>
          log("warn", "could not note a failed resume", {
            error: marking instanceof Error ? marking.name : "unknown",
          }),
        );
    }
    throw error;
  }
}

function decidedEvent(decision: Decision, at: string): EventDraft {
  return {
    partnershipId: decision.partnershipId,
    at,
    actor: decision.decidedBy ?? "unknown",
    step: DECIDED[decision.kind].step,
    type: DECIDED[decision.kind].type,
    data: {
      decisionId: decision.decisionId,
      outcome: decision.outcome ?? "",
      comment: decision.comment ?? "",
    },
  };
}

/**
 * A POST on a link whose decision is already made. When the earlier POST closed the decision but crashed
 * before it resumed the workflow, the decision would be lost: the workflow would wait until it times out.
 * So the stored output is sent again (and the ledger event written if it is missing). The engine refuses to
 * resume a task it has moved past; then the link was simply used, and the caller answers 410.
 * True when this call resumed the workflow.
 */
export async function finishInterruptedDecision(
  deps: Needs<"repository" | "clock" | "workflow">,
  token: string,
  kind: DecisionKind,
): Promise<boolean> {
  const link = await findLink(deps, token, "decision");
  const record = await deps.repository.getPartnershipRecord(link.partnershipId);
  const decision = record?.decisions.find((d) => d.decisionId === link.decisionId);
  if (
    !record ||
    !decision?.resumeOutput ||
    decision.kind !== kind ||
    decision.status !== "decided" ||
    decision.linkTokenHash !== link.tokenHash ||
    // A decision made moments ago may still be on its way (a double click): only one whose POST could not
    // resume, or a stalled one (its POST crashed), is finished.
    (!decision.resumeFailedAt &&
      Date.parse(decision.decidedAt ?? "") > deps.clock.now().getTime() - STALLED_AFTER_MS)
  ) {
    return false;
  }
  const recorded = record.events.some(
    (e) => e.type === DECIDED[kind].type && e.data.decisionId === decision.decisionId,
  );
  if (!recorded) await deps.repository.appendEvent(decidedEvent(decision, decision.decidedAt ?? ""));
  try {
    await deps.workflow.resume(
      decision.taskToken,
      JSON.parse(decision.resumeOutput) as Record<string, unknown>,
    );
    return true;
  } catch (error) {
    if (error instanceof DecisionWindowClosedError) return false;
    throw error;
  }
}
