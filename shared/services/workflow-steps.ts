/** What the state machine's tasks do: assess, record outcomes, record failures. */

import { assessIntake } from "../domain/assessment.ts";
import type { Json } from "../domain/canonical-json.ts";
import { PartnershipNotFoundError } from "../domain/errors.ts";
import type { EventDraft } from "../domain/ledger.ts";
import { type Stage, transition } from "../domain/lifecycle.ts";
import type { Partnership } from "../domain/partnership.ts";
import { emails } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";

/** The partnership a task works on; a missing one is a named error the state machine catches. */
export async function loadPartnership(deps: Needs<"repository">, id: string): Promise<Partnership> {
  const p = await deps.repository.getPartnership(id);
  if (!p) throw new PartnershipNotFoundError(`No partnership ${id}`);
  return p;
}

/** Moves the stage (checked by the lifecycle) and records the change; a repeat of the same move is a no-op. */
async function moveStage(
  deps: Needs<"repository" | "clock">,
  p: Partnership,
  to: Stage,
  step: string,
  data: Record<string, Json> = {},
) {
  if (p.stage === to) return;
  transition(p.stage, to);
  const at = deps.clock.now().toISOString();
  if (!(await deps.repository.updateStage(p.id, p.stage, to, at))) {
    const now = await loadPartnership(deps, p.id);
    if (now.stage === to) return;
    transition(now.stage, to);
  }
  await deps.repository.appendEvent({
    partnershipId: p.id,
    at,
    actor: "system:workflow",
    step,
    type: "StageChanged",
    data: { from: p.stage, to, ...data },
  });
}

/**
 * Assesses the current intake against the register and every partnership on file, and stores the round.
 * The first round also moves the stage to ASSESSING, in the same write; its two ledger events are chained
 * together after one read of the head.
 */
export async function runAssessment(
  deps: Needs<"repository" | "clock" | "needsRegister">,
  partnershipId: string,
  step: string,
): Promise<void> {
  let p = await loadPartnership(deps, partnershipId);
  const others = (await deps.repository.listPartnerSummaries()).filter((o) => o.partnershipId !== p.id);
  const assessment = assessIntake(p.intake, deps.needsRegister, others);
  const round = p.assessmentRound + 1;
  const at = deps.clock.now().toISOString();
  const to: Stage = "ASSESSING";
  let from: Stage | undefined = p.stage === to ? undefined : p.stage;
  if (from) transition(from, to);
  while (
    !(await deps.repository.saveAssessment(p.id, assessment, round, at, from ? { from, to } : undefined))
  ) {
    // Someone else moved the stage first: go on from where it is now (or stop if that move is illegal).
    p = await loadPartnership(deps, partnershipId);
    from = p.stage === to ? undefined : p.stage;
    if (from) transition(from, to);
  }
  const events: EventDraft[] = [];
  if (from) {
    events.push({
      partnershipId: p.id,
      at,
      actor: "system:workflow",
      step,
      type: "StageChanged",
      data: { from, to },
    });
  }
  events.push({
    partnershipId: p.id,
    at,
    actor: "system:assess-intake",
    step,
    type: "NeedsAssessed",
    data: {
      round,
      intakeVersion: p.intakeVersion,
      alignmentScore: assessment.alignmentScore,
      readinessScore: assessment.readinessScore,
      proposedType: assessment.proposedType,
      gapsFilled: assessment.gapsFilled.map((g) => g.needId),
      overlaps: assessment.overlaps.map((o) => o.partnershipId),
      duplicates: assessment.duplicates.map((d) => d.partnershipId),
    },
  });
  await deps.repository.appendEvents(events);
}

export type Outcome = "approved" | "declined" | "expired";

const OUTCOME_STAGE: Record<Outcome, Stage> = {
  approved: "VETTING",
  declined: "DECLINED",
  expired: "EXPIRED",
};

export async function recordOutcome(
  deps: Needs<"repository" | "clock" | "mailer" | "config">,
  input: { partnershipId: string; outcome: Outcome; comment?: string | undefined },
  step: string,
): Promise<void> {
  const p = await loadPartnership(deps, input.partnershipId);
  const already = p.stage === OUTCOME_STAGE[input.outcome];
  await moveStage(deps, p, OUTCOME_STAGE[input.outcome], step, { outcome: input.outcome });
  if (already) return;
  const org = p.organisationName;
  const partner = p.intake.contact.email;
  if (input.outcome === "approved") await deps.mailer.send(emails.approved(partner, org));
  if (input.outcome === "declined")
    await deps.mailer.send(emails.declined(partner, org, input.comment || "No reason was given."));
  if (input.outcome === "expired")
    await deps.mailer.send(emails.expired(deps.config.OFFICE_EMAIL, org, p.id));
}

export async function recordFailure(
  deps: Needs<"repository" | "clock" | "mailer" | "config">,
  input: { partnershipId: string; error: string; cause: string },
  step: string,
): Promise<void> {
  await deps.repository.appendEvent({
    partnershipId: input.partnershipId,
    at: deps.clock.now().toISOString(),
    actor: "system:workflow",
    step,
    type: "WorkflowFailed",
    // The cause is cut short: it is for the office to investigate, and must not grow the ledger unbounded.
    data: { error: input.error, cause: input.cause.slice(0, 1000) },
  });
  await deps.mailer.send(emails.failure(deps.config.OFFICE_EMAIL, input.partnershipId, input.error));
}
