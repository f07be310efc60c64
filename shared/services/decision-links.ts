/** Finding what a link token opens, and whether it can still be used. */
import {
  LinkExpiredError,
  LinkNotFoundError,
  LinkReplacedError,
  PartnershipNotFoundError,
} from "../domain/errors.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import { isTerminal } from "../domain/lifecycle.ts";
import { assertLinkUsable, hashToken, isWellFormedToken } from "../domain/link-tokens.ts";
import type { Decision, DecisionKind, Link, Partnership } from "../domain/partnership.ts";
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
  decision: Decision;
  partnership: Partnership;
  /** The newest ledger event when the link was resolved to decide: the decision's own event chains after it. */
  head?: LedgerEvent | undefined;
}

/** Resolves a decision link for display or decision; throws the named link error when it can't be used. */
export async function resolveDecisionLink(
  deps: Needs<"repository" | "clock">,
  token: string,
  kind: DecisionKind,
  use: "display" | "decide" = "display",
): Promise<OpenLink> {
  const link = await findLink(deps, token, "decision");
  if (!link.decisionId) throw new LinkNotFoundError("Unknown link");
  const { decision, partnership, head } = await deps.repository.getDecisionAndPartnership(
    link.partnershipId,
    link.decisionId,
    use === "decide",
  );
  if (!decision || decision.kind !== kind) throw new LinkNotFoundError("Unknown link");
  assertLinkUsable(
    { expiresAt: decision.expiresAt, usedAt: decision.decidedAt, singleUse: true },
    deps.clock.now(),
  );
  // A repeated step issued a newer link for this decision, or opened a newer decision; only that one decides.
  if (decision.linkTokenHash !== link.tokenHash || decision.retiredAt)
    throw new LinkReplacedError("This link was replaced by a newer one");
  if (!partnership) throw new PartnershipNotFoundError(link.partnershipId);
  // The workflow has ended (it timed out, say, just before the decision's own expiry): nothing is awaited.
  if (isTerminal(partnership.stage))
    throw new LinkExpiredError("This partnership's onboarding has ended; the link no longer applies");
  return { link, decision, partnership, head };
}
