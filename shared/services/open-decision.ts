/** Opening a human step: store the decision and its single-use link, record it; the caller emails the link. */
import { PartnershipNotFoundError } from "../domain/errors.ts";
import { idFromSecret } from "../domain/ids.ts";
import type { EventDraft, LedgerEvent } from "../domain/ledger.ts";
import { mintToken } from "../domain/link-tokens.ts";
import type { Decision, DecisionKind } from "../domain/partnership.ts";
import type { Needs } from "./dependencies.ts";

/** Where each kind of decision link points: the officer's confirmation page or the partner's edit form. */
const LINK_PATH: Record<DecisionKind, string> = { "intake-review": "/decisions", resubmission: "/resubmit" };

export interface OpenDecisionInput {
  partnershipId: string;
  kind: DecisionKind;
  assignee: string;
  taskToken: string;
  timeoutSeconds: number;
  request?: string | undefined;
  step: string;
  /** The ledger's newest event as the step read it: its event chains after it without reading it again. */
  head?: LedgerEvent | undefined;
}

/**
 * Stores the decision and its link; returns the link URL for the email (the token is not stored).
 *
 * Idempotent per task token: the decision's id is derived from it, so a repeated call (a retried task, or a
 * step replayed by the local engine after a restart) finds the decision its first attempt stored instead of
 * opening a second one. The plain link token cannot be recovered, so a repeat issues a new link, and the
 * earlier one stops working; the ledger records the repeat. A retry of the step by Step Functions comes with a
 * new task token: its decision replaces the one the earlier attempt opened (retired, recorded as replaced in
 * the request's event), so only one decision is ever awaited. A repeat for a decision already made, or one
 * that lost the race to reissue the link to a concurrent repeat, has no link to send (`url` undefined).
 */
export async function openDecision(
  deps: Needs<"repository" | "clock" | "config">,
  input: OpenDecisionInput,
): Promise<{ url: string | undefined; decision: Decision }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const due = new Date(now.getTime() + input.timeoutSeconds * 1000).toISOString();
  const link = mintToken();
  let decision: Decision = {
    partnershipId: input.partnershipId,
    decisionId: idFromSecret(input.taskToken),
    kind: input.kind,
    assignee: input.assignee,
    linkTokenHash: link.hash,
    taskToken: input.taskToken,
    createdAt: at,
    dueAt: due,
    expiresAt: due,
    status: "open",
    request: input.request,
  };
  const reissued = !(await deps.repository.putDecision(decision));
  if (reissued) {
    const existing = await deps.repository.getDecision(input.partnershipId, decision.decisionId);
    if (!existing) throw new PartnershipNotFoundError(`No decision ${decision.decisionId}`);
    // Made, or replaced by a later attempt's decision (a late replay of an earlier attempt): nothing to send.
    if (
      existing.status !== "open" ||
      existing.retiredAt ||
      !(await deps.repository.replaceDecisionLink(existing, link.hash))
    ) {
      return { url: undefined, decision: existing };
    }
    decision = { ...existing, linkTokenHash: link.hash };
  }
  // A retried step (Step Functions gives each attempt a new task token) opened a decision that this one
  // replaces; its link may have been emailed already, and must not decide anything now.
  // (Also on a reissue: the attempt that opened this one may have stopped before it retired the others.)
  const replaces = await deps.repository.retireOpenDecisionsBut(input.partnershipId, decision.decisionId, at);
  await deps.repository.putLink({
    tokenHash: link.hash,
    purpose: "decision",
    partnershipId: input.partnershipId,
    decisionId: decision.decisionId,
    expiresAt: decision.expiresAt,
    singleUse: true,
  });
  const requested: EventDraft = {
    partnershipId: input.partnershipId,
    at,
    actor: "system:workflow",
    step: input.step,
    type: input.kind === "intake-review" ? "OfficerDecisionRequested" : "ResubmissionRequested",
    data: {
      decisionId: decision.decisionId,
      assignee: input.kind === "intake-review" ? input.assignee : "partner",
      dueAt: decision.dueAt,
      ...(reissued ? { reissued: true } : {}),
      ...(replaces.length > 0 ? { replaces } : {}),
    },
  };
  await deps.repository.appendEventsOnce([requested], input.head?.seq ?? 0, input.head);
  return {
    url: `${deps.config.PUBLIC_BASE_URL}${LINK_PATH[input.kind]}/${link.token}`,
    decision,
  };
}
