/** Human steps: open one (store it, email its link), show it, and decide it exactly once. */

import { LinkNotFoundError, LinkReplacedError, PartnershipNotFoundError } from "../domain/errors.ts";
import { idFromSecret } from "../domain/ids.ts";
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

/**
 * Stores the decision and its link; returns the link URL for the email (the token is not stored).
 *
 * Idempotent per task token: the decision's id is derived from it, so a repeated call (a retried task, or a
 * step replayed by the local engine after a restart) finds the decision its first attempt stored instead of
 * opening a second one. The plain link token cannot be recovered, so a repeat issues a new link, and the
 * earlier one stops working; the ledger records the repeat. A repeat for a decision already made opens
 * nothing (`decided: true`).
 */
export async function openDecision(
  deps: Needs<"repository" | "clock" | "config">,
  input: OpenDecisionInput,
): Promise<{ url: string; decision: Decision; decided: boolean }> {
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
    if (existing.status !== "open" || !(await deps.repository.replaceDecisionLink(existing, link.hash))) {
      return { url: "", decision: existing, decided: true };
    }
    decision = { ...existing, linkTokenHash: link.hash };
  }
  await deps.repository.putLink({
    tokenHash: link.hash,
    purpose: "decision",
    partnershipId: input.partnershipId,
    decisionId: decision.decisionId,
    expiresAt: decision.expiresAt,
    singleUse: true,
  });
  await deps.repository.appendEvent({
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
    },
  });
  return {
    url: `${deps.config.PUBLIC_BASE_URL}${LINK_PATH[input.kind]}/${link.token}`,
    decision,
    decided: false,
  };
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
  const { decision, partnership } = await deps.repository.getDecisionAndPartnership(
    link.partnershipId,
    link.decisionId,
  );
  if (!decision || decision.kind !== kind) throw new LinkNotFoundError("Unknown link");
  assertLinkUsable(
    { expiresAt: decision.expiresAt, usedAt: decision.decidedAt, singleUse: true },
    deps.clock.now(),
  );
  // A repeated step issued a newer link for this decision; only that one decides.
  if (decision.linkTokenHash !== link.tokenHash)
    throw new LinkReplacedError("This link was replaced by a newer one");
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
  await deps.repository.closeDecision(
    { ...open.decision, linkTokenHash: open.link.tokenHash },
    {
      outcome: result.outcome,
      comment: result.comment,
      decidedAt: at,
      decidedBy: result.actor,
    },
  );
  await deps.repository.appendEvent({
    partnershipId: open.partnership.id,
    at,
    actor: result.actor,
    step: result.step,
    type: result.eventType,
    data: { decisionId: open.decision.decisionId, outcome: result.outcome, comment: result.comment },
  });
  await deps.workflow.resume(open.decision.taskToken, output);
}
