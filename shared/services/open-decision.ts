/**
 * Opening a decision from the officer's inbox: its link token is stored only hashed, so the inbox cannot rebuild
 * the emailed link. Instead, for the officer (or lead) the open decision is assigned to, signed in (or the lead,
 * once an officer's step is escalated to them), a new link is
 * made and the decision pointed at it (the emailed one then answers "replaced"), the ledger records who (never the
 * token), and the browser goes to the step's page, whose POST decides as from the email, the session recording
 * who was signed in. The token is in that one redirect's URL, as it is in the email.
 */

import { assertLinkUsable, mintToken } from "../domain/link-tokens.ts";
import { conflictedOfficers } from "../domain/officers.ts";
import type { Decision } from "../domain/partnership.ts";
import { askedOf } from "../domain/personal-fields.ts";
import { hasAnyRole, type Principal } from "../domain/staff.ts";
import { eventDraft } from "../events/draft.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../http/problems.ts";
import { STEP_LINK_PATHS } from "../steps/link-paths.ts";
import type { Needs } from "./dependencies.ts";

/**
 * Whether the lead may open someone else's decision: an officer's step escalated to them (its page then records
 * the lead as the decider). Never a partner's or a signatory's: the lead must never answer as them.
 */
function leadMayOpen(decision: Decision, principal: Principal): boolean {
  return (
    askedOf(decision) === "officer" && decision.escalatedAt !== undefined && hasAnyRole(principal, ["lead"])
  );
}

/** The path of the step's page with the new link: where the browser goes. */
export async function openDecisionFromInbox(
  deps: Needs<"repository" | "clock"> & Partial<Needs<"linkVault">>,
  principal: Principal,
  ids: { partnershipId: string; decisionId: string },
): Promise<string> {
  const { decision, head } = await deps.repository.getDecisionAndPartnership(
    ids.partnershipId,
    ids.decisionId,
    true,
  );
  if (!decision) throw new NotFoundError("There is no such decision");
  const asLead = decision.assignee.toLowerCase() !== principal.email.toLowerCase();
  if (asLead && !leadMayOpen(decision, principal))
    throw new ForbiddenError(
      `This decision is assigned to ${decision.assignee}; only they (or the lead, once it is escalated) can open it to decide.`,
    );
  // The step's page would refuse a conflicted lead's decision: refuse before a new link replaces the emailed one.
  if (
    asLead &&
    conflictedOfficers(await deps.repository.listEvents(decision.partnershipId)).has(
      principal.email.toLowerCase(),
    )
  )
    throw new ForbiddenError(
      "You declared a conflict of interest with this partner, so another officer must decide this step. Nothing was changed.",
    );
  const linkPath = STEP_LINK_PATHS[decision.kind];
  const now = deps.clock.now();
  if (decision.status !== "open" || decision.retiredAt || !linkPath)
    throw new ConflictError("This decision is no longer open.");
  assertLinkUsable({ expiresAt: decision.expiresAt, singleUse: true }, now);
  const link = mintToken();
  await deps.repository.putLink({
    tokenHash: link.hash,
    purpose: "decision",
    partnershipId: decision.partnershipId,
    decisionId: decision.decisionId,
    expiresAt: decision.expiresAt,
    singleUse: true,
  });
  // The sealed copy follows the new token, so that a reminder sends the link that now decides.
  const sealed = await deps.linkVault?.seal(decision.partnershipId, link.token);
  if (!(await deps.repository.replaceDecisionLink(decision, link.hash, now.toISOString(), sealed)))
    throw new ConflictError("This decision was made, or its link replaced, meanwhile.");
  const signedInAs = { sub: principal.sub, email: principal.email };
  await deps.repository.appendEventsOnce(
    [
      eventDraft(
        "DecisionLinkReissued",
        { partnershipId: decision.partnershipId, at: now.toISOString(), actor: `staff:${principal.email}` },
        { kind: decision.kind, decisionId: decision.decisionId, signedInAs },
      ),
    ],
    head?.seq ?? 0,
    head,
  );
  return `${linkPath}/${link.token}`;
}
