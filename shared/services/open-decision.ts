/**
 * Opening a decision from the officer's inbox: its link token is stored only hashed, so the inbox cannot rebuild
 * the emailed link. Instead, for the officer (or lead) the open decision is assigned to, signed in, a new link is
 * made and the decision pointed at it (the emailed one then answers "replaced"), the ledger records who (never the
 * token), and the browser goes to the step's page, whose POST decides as from the email, the session recording
 * who was signed in. The token is in that one redirect's URL, as it is in the email.
 */

import { assertLinkUsable, mintToken } from "../domain/link-tokens.ts";
import type { Principal } from "../domain/staff.ts";
import { eventDraft } from "../events/draft.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../http/problems.ts";
import { STEP_LINK_PATHS } from "../steps/link-paths.ts";
import type { Needs } from "./dependencies.ts";

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
  if (decision.assignee.toLowerCase() !== principal.email.toLowerCase())
    throw new ForbiddenError(
      `This decision is assigned to ${decision.assignee}; only they can open it to decide.`,
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
