/**
 * Who decides an officer's step: the officer or lead signed in, when the link came with their staff session;
 * otherwise the officer the decision is assigned to (a link alone names no one else). The ledger names them as
 * the decision's actor, so that the conflict-of-interest and segregation-of-duties checks, which read the
 * ledger's actors, hold for whoever really decided.
 */
import type { Decision, SignedInAs } from "../domain/partnership.ts";

/** The deciding officer's address (lowercased when it comes from a session: staff addresses are the office's). */
export function deciderOf(view: {
  readonly decision: Pick<Decision, "assignee">;
  readonly signedInAs?: SignedInAs | undefined;
}): string {
  return view.signedInAs ? view.signedInAs.email.toLowerCase() : view.decision.assignee;
}

/** The ledger's actor for an officer's decision. */
export function officerActor(view: Parameters<typeof deciderOf>[0]): string {
  return `officer:${deciderOf(view)}`;
}
