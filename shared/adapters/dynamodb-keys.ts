/** The single-table key layout (see design: state, events and the ledger). */

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
  orgName: (normalised: string, id: string) => ({ pk: `ORGNAME#${normalised}`, sk: `PARTNERSHIP#${id}` }),
  domain: (domain: string, id: string) => ({ pk: `DOMAIN#${domain}`, sk: `PARTNERSHIP#${id}` }),
  byStage: (stage: string, updatedAt: string, id: string) => ({
    gsi1pk: `STAGE#${stage}`,
    gsi1sk: `${updatedAt}#${id}`,
  }),
  openDecision: (dueAt: string, id: string, decisionId: string) => ({
    gsi2pk: "OPEN_DECISION",
    gsi2sk: `${dueAt}#${id}#${decisionId}`,
  }),
} as const;

export const INDEX = { byStage: "byStage", openDecisionsByDue: "openDecisionsByDue" } as const;

export function partnershipIdFromKey(value: string): string {
  return value.slice(value.indexOf("#") + 1);
}
