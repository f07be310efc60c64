/**
 * The needs-assessment step. A module of its own: the assessment brings the Public Suffix List into a bundle,
 * which no other task needs.
 */
import { assessIntake } from "../domain/assessment.ts";
import { newId } from "../domain/ids.ts";
import type { EventDraft } from "../domain/ledger.ts";
import { type Stage, transition } from "../domain/lifecycle.ts";
import type { PendingEffects } from "../domain/pending-effects.ts";
import { eventDraft } from "../events/draft.ts";
import type { Needs } from "./dependencies.ts";
import { settle, settled } from "./pending-effects.ts";

/**
 * Assesses the current intake against the register and every partnership on file, and stores the round.
 * The first round also moves the stage to ASSESSING, in the same write, which owes the ledger the two events
 * (see pending-effects.ts). A repeat for an intake version already assessed only completes what it owes.
 */
export async function runAssessment(
  deps: Needs<"repository" | "clock" | "needsRegister">,
  partnershipId: string,
  step: string,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  for (;;) {
    const { partnership: p, seenSeq, head } = await settled(deps, partnershipId);
    if (p.assessedIntakeVersion === p.intakeVersion) return;
    const others = (await deps.repository.listPartnerSummaries()).filter((o) => o.partnershipId !== p.id);
    const assessment = assessIntake(p.intake, deps.needsRegister, others);
    const round = p.assessmentRound + 1;
    const to: Stage = "ASSESSING";
    const from = p.stage === to ? undefined : p.stage;
    if (from) transition(from, to);
    const events: EventDraft[] = [];
    if (from) {
      events.push(
        eventDraft("StageChanged", { partnershipId, at, actor: "system:workflow", step }, { from, to }),
      );
    }
    events.push(
      eventDraft(
        "NeedsAssessed",
        { partnershipId, at, actor: "system:assess-intake", step },
        {
          round,
          intakeVersion: p.intakeVersion,
          alignmentScore: assessment.alignmentScore,
          readinessScore: assessment.readinessScore,
          proposedType: assessment.proposedType,
          gapsFilled: assessment.gapsFilled.map((g) => g.needId),
          overlaps: assessment.overlaps.map((o) => o.partnershipId),
          duplicates: assessment.duplicates.map((d) => d.partnershipId),
          inOnboarding: assessment.inOnboarding.map((o) => o.partnershipId),
        },
      ),
    );
    const pending: PendingEffects = { id: newId(deps.clock.now()), afterSeq: seenSeq, events };
    const saved = await deps.repository.saveAssessment(
      partnershipId,
      { assessment, round, intakeVersion: p.intakeVersion },
      at,
      pending,
      from ? { from, to } : undefined,
    );
    // Refused when someone else moved the stage or stored new answers first: assess again as it is now.
    if (saved) {
      await settle(deps, p, "pending", pending, head);
      return;
    }
  }
}
