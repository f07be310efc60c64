/** The single-table key layout (see design: state, events and the ledger). */

/** The openDecisionsByDue partition of the decisions still to be made, by when each is due. */
export const OPEN_DECISIONS = "OPEN_DECISION";

/** The openDecisionsByDue partition of the decisions made whose resume is not confirmed yet. */
export const UNRESUMED_DECISIONS = "UNRESUMED_DECISION";

/** The openDecisionsByDue partition of the partnerships' schedules, by the day each falls due. */
export const DUE_SCHEDULES = "DUE_SCHEDULE";

export const keys = {
  partnership: (id: string) => ({ pk: `PARTNERSHIP#${id}`, sk: "META" }),
  event: (id: string, seq: number) => ({
    pk: `PARTNERSHIP#${id}`,
    sk: `EVENT#${String(seq).padStart(9, "0")}`,
  }),
  eventPrefix: "EVENT#",
  decision: (id: string, decisionId: string) => ({ pk: `PARTNERSHIP#${id}`, sk: `DECISION#${decisionId}` }),
  link: (tokenHash: string) => ({ pk: `LINK#${tokenHash}`, sk: "LINK" }),
  idempotency: (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: "IDEMPOTENCY" }),
  byStage: (stage: string, updatedAt: string, id: string) => ({
    gsi1pk: keys.stagePartition(stage),
    gsi1sk: `${updatedAt}#${id}`,
  }),
  /** The byStage partition of the partnerships at a stage, sorted by when each was last updated. */
  stagePartition: (stage: string) => `STAGE#${stage}`,
  openDecision: (dueAt: string, id: string, decisionId: string) => ({
    gsi2pk: OPEN_DECISIONS,
    gsi2sk: `${dueAt}#${id}#${decisionId}`,
  }),
  /** A decision made whose resume of the workflow is not confirmed yet, by the time it was made. */
  unresumedDecision: (decidedAt: string, id: string, decisionId: string) => ({
    gsi2pk: UNRESUMED_DECISIONS,
    gsi2sk: `${decidedAt}#${id}#${decisionId}`,
  }),
  /** A partnership's schedule of one kind (see PartnershipRepository.setSchedule). */
  schedule: (id: string, kind: string) => ({ pk: `PARTNERSHIP#${id}`, sk: `SCHEDULE#${kind}` }),
  dueSchedule: (dueOn: string, id: string, kind: string) => ({
    gsi2pk: DUE_SCHEDULES,
    gsi2sk: `${dueOn}#${id}#${kind}`,
  }),
} as const;

export const INDEX = {
  byStage: "byStage",
  /** Decisions in flight: open ones by due time, and decided ones not yet resumed by decision time. */
  openDecisionsByDue: "openDecisionsByDue",
  /** Partition key itemType, sort key normalisedName: every partnership and nothing else. */
  registry: "registry",
} as const;

/** The registry index's partition: the itemType of partnership items. */
export const PARTNERSHIP_ITEM_TYPE = "partnership";
