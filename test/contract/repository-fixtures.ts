/** Domain objects for the repository contract: a partnership, its decisions, drafts and effects owed. */
import { DEFAULT_NEEDS_REGISTER } from "#shared/config/needs-register.ts";
import { assessIntake } from "#shared/domain/assessment.ts";
import type { Assessment } from "#shared/domain/assessment-types.ts";
import type { EventDraft } from "#shared/domain/ledger.ts";
import type { Decision, Partnership } from "#shared/domain/partnership.ts";
import type { PendingEffects } from "#shared/domain/pending-effects.ts";
import type { EventType } from "#shared/events/registry.ts";
import type { DecisionResult, PartnershipRepository } from "#shared/ports/partnership-repository.ts";
import { type IntakeOverrides, makeIntake } from "../fixtures/intake.ts";
import { decisionItem } from "../fixtures/items.ts";
import { FUTURE, P } from "../fixtures/open-decision.ts";

export { FUTURE, P };

export const T0 = "2026-11-23T10:00:00.000Z";
export const T1 = "2026-11-23T10:00:01.000Z";
export const T2 = "2026-11-23T10:00:02.000Z";
export const T3 = "2026-11-23T10:00:03.000Z";

/** A partnership just submitted, its organisation named by its intake. */
export function partnership(
  id = P,
  overrides: Partial<Partnership> = {},
  intake: IntakeOverrides = {},
): Partnership {
  const answers = makeIntake(intake);
  return {
    id,
    stage: "SUBMITTED",
    organisationName: answers.organisation.name,
    website: answers.organisation.website,
    intake: answers,
    intakeVersion: 1,
    assessmentRound: 0,
    submittedAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** The officer's open decision (the items fixture's, without its table keys). */
export function decision(overrides: Partial<Decision> = {}, partnershipId = P): Decision {
  const { pk: _pk, sk: _sk, itemType: _type, ...fields } = decisionItem(partnershipId, overrides);
  return fields as unknown as Decision;
}

export function result(overrides: Partial<DecisionResult> = {}): DecisionResult {
  return {
    outcome: "approve",
    comment: "Good fit for the placements programme.",
    decidedAt: T1,
    decidedBy: "officer@example.org",
    resumeOutput: JSON.stringify({ outcome: "approve" }),
    ...overrides,
  };
}

/** An event named `name`: the repository does not read types, so short names keep the tests readable. */
export function draft(name: string, overrides: Partial<EventDraft> = {}): EventDraft {
  return {
    partnershipId: P,
    at: T1,
    actor: "system:workflow",
    type: name as EventType,
    data: { type: name },
    ...overrides,
  };
}

export function owed(id: string, afterSeq = 1, events: EventDraft[] = [draft("Owed")]): PendingEffects {
  return { id, afterSeq, events, notice: { kind: "approved" } };
}

export function assessment(): Assessment {
  return assessIntake(makeIntake(), DEFAULT_NEEDS_REGISTER, []);
}

/** The partnership created and its ledger begun, as submit-intake leaves them. */
export async function submitted(repository: PartnershipRepository, p: Partnership = partnership()) {
  await repository.createPartnership(p);
  await repository.beginLedger({
    partnershipId: p.id,
    at: T0,
    actor: "partner",
    type: "IntakeSubmitted",
    data: {},
  });
  return p;
}

/** Settles a list of promises and says which were fulfilled and which rejected (for races). */
export async function race<T>(...calls: Promise<T>[]) {
  const settled = await Promise.allSettled(calls);
  return {
    fulfilled: settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : [])),
    rejected: settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : [])),
  };
}
