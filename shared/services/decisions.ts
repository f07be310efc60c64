/** Human steps: open one (store it, email its link), show it, and decide it exactly once. */

import {
  LinkNotFoundError,
  LinkReplacedError,
  LinkUsedError,
  PartnershipNotFoundError,
} from "../domain/errors.ts";
import { idFromSecret } from "../domain/ids.ts";
import type { EventDraft } from "../domain/ledger.ts";
import { assertLinkUsable, hashToken, isWellFormedToken, mintToken } from "../domain/link-tokens.ts";
import type { Decision, DecisionKind, Link, Partnership } from "../domain/partnership.ts";
import { DecisionWindowClosedError } from "../ports/workflow.ts";
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
  const closed: Decision = {
    ...open.decision,
    linkTokenHash: open.link.tokenHash,
    status: "decided",
    outcome: result.outcome,
    comment: result.comment,
    decidedAt,
    decidedBy: result.actor,
    resumeOutput: JSON.stringify(output),
  };
  await deps.repository.closeDecision(closed, {
    outcome: result.outcome,
    comment: result.comment,
    decidedAt,
    decidedBy: result.actor,
    resumeOutput: closed.resumeOutput ?? "{}",
  });
  await deps.repository.appendEvent(decidedEvent(closed, decidedAt));
  await deps.workflow.resume(closed.taskToken, output);
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
    decision.linkTokenHash !== link.tokenHash
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
