/** Finding what a link token opens, and whether it can still be used. */
import {
  LinkClosedError,
  LinkExpiredError,
  LinkNotFoundError,
  LinkReplacedError,
  LinkUsedError,
  PartnershipNotFoundError,
} from "../domain/errors.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import { isTerminal } from "../domain/lifecycle.ts";
import { hashToken, isWellFormedToken } from "../domain/link-tokens.ts";
import type { Decision, Link, Partnership, SignedInAs } from "../domain/partnership.ts";
import { type StepRegistry, stepOf } from "../steps/registry.ts";
import type { HumanStep } from "../steps/step.ts";
import type { Needs } from "./dependencies.ts";

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
  step: HumanStep;
  decision: Decision;
  partnership: Partnership;
  /** The newest ledger event when the link was resolved to decide: the decision's own event chains after it. */
  head?: LedgerEvent | undefined;
  /** The whole ledger, when the link was resolved for display. */
  events?: readonly LedgerEvent[] | undefined;
}

/** Which link a request came by: the token, and the path its step's links live under. */
export interface LinkRequest {
  token: string;
  linkPath: string;
  /**
   * The officer or lead whose staff session came with the request: on an officer's step, the one who decides and
   * whom the ledger names (services/officer-decider.ts), recorded with the decision.
   */
  signedInAs?: SignedInAs | undefined;
  /** Whether the one signed in is the office lead, who may decide any escalated officer's step. */
  lead?: boolean | undefined;
}

/**
 * Whether the link can decide now: throws the named link error that says why not (a used link's error carries
 * what was decided, for the page that answers it).
 */
export function assertDecisionOpen(
  link: Link,
  decision: Decision,
  partnership: Partnership | undefined,
  now: Date,
): asserts partnership is Partnership {
  if (decision.decidedAt) {
    throw new LinkUsedError("This link has already been used", {
      decided: {
        kind: decision.kind,
        outcome: decision.outcome,
        decidedAt: decision.decidedAt,
        decidedBy: decision.decidedBy,
      },
    });
  }
  // Closed when its partnership was withdrawn or terminated: the link says so rather than "expired".
  if (decision.closedBecause)
    throw new LinkClosedError(closedMessage(decision.closedBecause), {
      because: decision.closedBecause,
      at: decision.retiredAt ?? decision.createdAt,
    });
  if (partnership && (partnership.stage === "WITHDRAWN" || partnership.stage === "TERMINATED")) {
    const because = partnership.stage === "WITHDRAWN" ? "withdrawn" : "terminated";
    throw new LinkClosedError(closedMessage(because), { because, at: partnership.updatedAt });
  }
  if (Date.parse(decision.expiresAt) <= now.getTime()) throw new LinkExpiredError("This link has expired");
  // A repeated step issued a newer link for this decision, or opened a newer decision; only that one decides.
  if (decision.retiredAt) throw new LinkReplacedError("This link was replaced by a newer one");
  if (decision.linkTokenHash !== link.tokenHash)
    throw new LinkReplacedError("This link was replaced by a newer one", {
      fromInbox: decision.reissuedFromInboxAt !== undefined,
    });
  if (!partnership) throw new PartnershipNotFoundError(link.partnershipId);
  // The workflow has ended (it timed out, say, just before the decision's own expiry): nothing is awaited.
  if (isTerminal(partnership.stage))
    throw new LinkExpiredError("This partnership's onboarding has ended; the link no longer applies");
}

/** What a closed link says without its day (the page that answers it adds the day, in the office's zone). */
function closedMessage(because: "withdrawn" | "terminated"): string {
  return because === "withdrawn"
    ? "The partner withdrew from this partnership; this link no longer works."
    : "The office terminated this partnership; this link no longer works.";
}

/** The decision's step, if the link came by that step's path; a link of another step is not found here. */
function stepFor(registry: StepRegistry, decision: Decision | undefined, linkPath: string): HumanStep {
  const step = decision ? stepOf(registry, decision.kind) : undefined;
  if (!step || step.linkPath !== linkPath) throw new LinkNotFoundError("Unknown link");
  return step;
}

/** The stored link of a decision a token opens. */
async function decisionLink(
  deps: Needs<"repository">,
  token: string,
): Promise<Link & { decisionId: string }> {
  const link = await findLink(deps, token, "decision");
  if (!link.decisionId) throw new LinkNotFoundError("Unknown link");
  return { ...link, decisionId: link.decisionId };
}

/**
 * Resolves a decision link to show its page: the link, its decision and step, and the partnership with its
 * whole ledger (a page may show history). Throws the named link error when it can't be used.
 */
export async function resolveForDisplay(
  deps: Needs<"repository" | "clock">,
  registry: StepRegistry,
  request: LinkRequest,
): Promise<OpenLink> {
  const link = await decisionLink(deps, request.token);
  const record = await deps.repository.getPartnershipRecord(link.partnershipId);
  const decision = record?.decisions.find((d) => d.decisionId === link.decisionId);
  const step = stepFor(registry, decision, request.linkPath);
  if (!decision || !record) throw new LinkNotFoundError("Unknown link");
  assertDecisionOpen(link, decision, record.partnership, deps.clock.now());
  return { link, step, decision, partnership: record.partnership, events: record.events };
}

/**
 * Resolves a decision link that is about to decide: the decision and the partnership with the head of its
 * ledger (the decision's event chains after it). Throws the named link error when it can't be used.
 */
export async function resolveToDecide(
  deps: Needs<"repository" | "clock">,
  registry: StepRegistry,
  request: LinkRequest,
): Promise<OpenLink> {
  const link = await decisionLink(deps, request.token);
  const { decision, partnership, head } = await deps.repository.getDecisionAndPartnership(
    link.partnershipId,
    link.decisionId,
    true,
  );
  const step = stepFor(registry, decision, request.linkPath);
  if (!decision) throw new LinkNotFoundError("Unknown link");
  assertDecisionOpen(link, decision, partnership, deps.clock.now());
  return { link, step, decision, partnership, head };
}
