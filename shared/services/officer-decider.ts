/**
 * Who may decide an officer's step from its link, and whom the ledger then names. A link alone decides as the
 * officer the decision is assigned to, as ever, until the decision is escalated to the lead: from then on it
 * takes a staff session (the escalation email carries the link to the lead). With a session, the ledger names the
 * one signed in (shared/steps/decider.ts), who is checked as any officer is: not one who declared a conflict of
 * interest with the partner, and, once escalated, the officer assigned or the lead. A signing step's segregation
 * check (shared/steps/segregation.ts) reads the same decider. Staff who may not decide officers' steps (auditors)
 * carry no session here: shared/http/step-handlers.ts passes only an officer's or the lead's.
 */
import type { LedgerEvent } from "../domain/ledger.ts";
import { conflictedOfficers } from "../domain/officers.ts";
import type { Decision } from "../domain/partnership.ts";
import { deciderOf, officerActor } from "../steps/decider.ts";
import { html, type SafeHtml } from "../web/html.ts";
import type { LinkRequest } from "./decision-links.ts";

/** Why a POST on an officer's link may not decide. */
export type DeciderRefusal = "escalated-sign-in" | "escalated-not-yours" | "conflicted";

export type DeciderCheck =
  | { readonly ok: true; readonly actor: string }
  | { readonly ok: false; readonly refusal: DeciderRefusal; readonly status: 401 | 403 };

/** Whether the request may decide this officer's decision, and if so the ledger's actor for it. */
export function checkOfficerDecider(
  decision: Pick<Decision, "assignee" | "escalatedAt">,
  request: Pick<LinkRequest, "signedInAs" | "lead">,
  events: readonly LedgerEvent[],
): DeciderCheck {
  const { signedInAs } = request;
  if (!signedInAs)
    return decision.escalatedAt
      ? { ok: false, refusal: "escalated-sign-in", status: 401 }
      : { ok: true, actor: officerActor({ decision }) };
  const decider = deciderOf({ decision, signedInAs });
  if (decision.escalatedAt && !request.lead && decider !== decision.assignee.toLowerCase())
    return { ok: false, refusal: "escalated-not-yours", status: 403 };
  if (conflictedOfficers(events).has(decider)) return { ok: false, refusal: "conflicted", status: 403 };
  return { ok: true, actor: officerActor({ decision, signedInAs }) };
}

/** What the step's page says of a refusal: why, and that nothing was recorded. */
export function refusalNotice(refusal: DeciderRefusal, posted: boolean): SafeHtml {
  const nothing = posted ? " Nothing was recorded." : "";
  const text: Record<DeciderRefusal, SafeHtml> = {
    // The sign-in page leads to the inbox: the link's token is never put in a URL's parameters.
    "escalated-sign-in": html`This step was escalated to the lead: sign in to decide it. <a href="/sign-in" id="escalated-sign-in">Sign in to the staff console</a>, then open this link again.${nothing}`,
    "escalated-not-yours": html`This step was escalated to the lead: only the officer it is assigned to or the lead may decide it.${nothing}`,
    conflicted: html`You declared a conflict of interest with this partner, so you may not decide this step.${nothing}`,
  };
  // A refused POST alerts; the page as shown says it as its status.
  const role = posted ? "alert" : "status";
  return html`<p class="notice" role="${role}" id="decider-refused" data-refusal="${refusal}">${text[refusal]}</p>`;
}

/** What the page of an officer's step says to someone signed in who may decide it: whom the ledger will name. */
export function signedInNotice(email: string): SafeHtml {
  return html`<p class="notice" role="status" id="signed-in-decider">You are signed in as ${email}: a decision made here is recorded as yours.</p>`;
}
