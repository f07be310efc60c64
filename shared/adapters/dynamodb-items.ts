/** How partnerships, decisions and summaries are stored as items, and read back. */
import type { PartnerSummary } from "../domain/assessment.ts";
import { normaliseOrganisationName, webDomain } from "../domain/organisation-keys.ts";
import type { Decision, Partnership } from "../domain/partnership.ts";
import type { Intake } from "../schemas/intake.ts";
import { keys, PARTNERSHIP_ITEM_TYPE } from "./dynamodb-keys.ts";

export type Item = Record<string, unknown>;

/**
 * The attributes derived from the intake that the registry index carries: the compared name and domain,
 * and the services, at top level because an index can only project top-level attributes.
 */
export function intakeAttributes(intake: Intake, id: string): Item {
  return {
    organisationName: intake.organisation.name,
    website: intake.organisation.website ?? null,
    // An index key can't be empty; a name with no letters or digits (the schema refuses one) stays findable.
    normalisedName: normaliseOrganisationName(intake.organisation.name) || `#${id}`,
    webDomain: webDomain(intake.organisation.website) ?? null,
    contributionTypes: intake.contributionTypes,
    audiences: intake.audiences,
  };
}

export function partnershipItem(p: Partnership): Item {
  return {
    ...keys.partnership(p.id),
    ...keys.byStage(p.stage, p.updatedAt, p.id),
    itemType: PARTNERSHIP_ITEM_TYPE,
    ...p,
    ...intakeAttributes(p.intake, p.id),
  };
}

export function toPartnership(item: Item): Partnership {
  const p = item as unknown as Partnership & {
    website?: string | null;
    once_acknowledged?: string;
    once_intakeSweepFailed?: string;
  };
  return {
    id: p.id,
    stage: p.stage,
    organisationName: p.organisationName,
    website: p.website ?? undefined,
    intake: p.intake,
    intakeVersion: p.intakeVersion,
    intakeVersionBy: p.intakeVersionBy,
    assessment: p.assessment,
    assessmentRound: p.assessmentRound,
    assessedIntakeVersion: p.assessedIntakeVersion,
    pending: p.pending,
    failurePending: p.failurePending,
    acknowledgedAt: p.once_acknowledged,
    intakeSweepFailedAt: p.once_intakeSweepFailed,
    acknowledgementClaimedAt: p.acknowledgementClaimedAt,
    submittedAt: p.submittedAt,
    updatedAt: p.updatedAt,
  };
}

/** A summary from a registry item; undefined for an item written before the registry existed. */
export function toSummary(item: Item): PartnerSummary | undefined {
  if (!Array.isArray(item.contributionTypes) || !Array.isArray(item.audiences)) return undefined;
  return {
    partnershipId: String(item.id),
    organisationName: String(item.organisationName),
    website: typeof item.website === "string" ? item.website : undefined,
    stage: item.stage as PartnerSummary["stage"],
    contributionTypes: item.contributionTypes as PartnerSummary["contributionTypes"],
    audiences: item.audiences as PartnerSummary["audiences"],
  };
}

export function summaryOf(p: Partnership): PartnerSummary {
  return {
    partnershipId: p.id,
    organisationName: p.organisationName,
    website: p.website,
    stage: p.stage,
    contributionTypes: p.intake.contributionTypes,
    audiences: p.intake.audiences,
  };
}

export function decisionItem(decision: Decision): Item {
  return {
    ...keys.decision(decision.partnershipId, decision.decisionId),
    ...keys.openDecision(decision.dueAt, decision.partnershipId, decision.decisionId),
    itemType: "decision",
    ...decision,
  };
}

export function toDecision(item: Item): Decision {
  const { pk: _pk, sk: _sk, itemType: _type, gsi2pk: _g, gsi2sk: _s, ...decision } = item;
  return decision as unknown as Decision;
}
