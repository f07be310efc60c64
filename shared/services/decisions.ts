/** Human steps: open one (store it, email its link), show it, and decide it exactly once. */

import { LinkNotFoundError, PartnershipNotFoundError } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import { assertLinkUsable, hashToken, isWellFormedToken, mintToken } from "../domain/link-tokens.ts";
import type { Decision, DecisionKind, Link, Partnership } from "../domain/partnership.ts";
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
}

/** Stores the decision and its link; returns the link URL for the email (the token is not stored). */
export async function openDecision(
  deps: Needs<"repository" | "clock" | "config">,
  input: OpenDecisionInput,
): Promise<{ url: string; decision: Decision }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const due = new Date(now.getTime() + input.timeoutSeconds * 1000).toISOString();
  const link = mintToken();
  const decision: Decision = {
    partnershipId: input.partnershipId,
    decisionId: newId(now),
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
  await deps.repository.putDecision(decision);
  await deps.repository.putLink({
    tokenHash: link.hash,
    purpose: "decision",
    partnershipId: input.partnershipId,
    decisionId: decision.decisionId,
    expiresAt: due,
    singleUse: true,
  });
  await deps.repository.setWaitingFor(
    input.partnershipId,
    input.kind === "intake-review" ? "officer-decision" : "partner-resubmission",
    at,
  );
  await deps.repository.appendEvent({
    partnershipId: input.partnershipId,
    at,
    actor: "system:workflow",
    step: input.step,
    type: input.kind === "intake-review" ? "OfficerDecisionRequested" : "ResubmissionRequested",
    data: {
      decisionId: decision.decisionId,
      assignee: input.kind === "intake-review" ? input.assignee : "partner",
      dueAt: due,
    },
  });
  return { url: `${deps.config.PUBLIC_BASE_URL}${LINK_PATH[input.kind]}/${link.token}`, decision };
}

/** The stored link a token opens, for one purpose; unknown, malformed or other-purpose tokens are all "not found". */
export async function findLink(
  deps: Needs<"repository">,
  token: string,
  purpose: Link["purpose"],
): Promise<Link> {
  if (!isWellFormedToken(token)) throw new LinkNotFoundError("Malformed link");
  const link = await deps.repository.getLink(hashToken(token));
  if (link?.purpose !== purpose) throw new LinkNotFoundError("Unknown link");
  return link;
}

export interface OpenLink {
  link: Link;
  decision: Decision;
  partnership: Partnership;
}

/** Resolves a decision link for display or decision; throws the named link error when it can't be used. */
export async function resolveDecisionLink(
  deps: Needs<"repository" | "clock">,
  token: string,
  kind: DecisionKind,
): Promise<OpenLink> {
  const link = await findLink(deps, token, "decision");
  if (!link.decisionId) throw new LinkNotFoundError("Unknown link");
  const decision = await deps.repository.getDecision(link.partnershipId, link.decisionId);
  if (!decision || decision.kind !== kind) throw new LinkNotFoundError("Unknown link");
  assertLinkUsable(
    { expiresAt: decision.expiresAt, usedAt: decision.decidedAt, singleUse: true },
    deps.clock.now(),
  );
  const partnership = await deps.repository.getPartnership(link.partnershipId);
  if (!partnership) throw new PartnershipNotFoundError(link.partnershipId);
  return { link, decision, partnership };
}

/** Closes the decision (one caller wins), records it in the ledger, then resumes the workflow. */
export async function closeAndResume(
  deps: Needs<"repository" | "clock" | "workflow">,
  open: OpenLink,
  result: { outcome: string; comment: string; actor: string; eventType: string; step: string },
  output: Record<string, unknown>,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.repository.closeDecision(open.decision, {
    outcome: result.outcome,
    comment: result.comment,
    decidedAt: at,
    decidedBy: result.actor,
  });
  await deps.repository.appendEvent({
    partnershipId: open.partnership.id,
    at,
    actor: result.actor,
    step: result.step,
    type: result.eventType,
    data: { decisionId: open.decision.decisionId, outcome: result.outcome, comment: result.comment },
  });
  await deps.repository.setWaitingFor(open.partnership.id, undefined, at);
  await deps.workflow.resume(open.decision.taskToken, output);
}
