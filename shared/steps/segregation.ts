/**
 * Segregation of duties: the officer who signs for the office (the countersignature, or the record of a paper
 * signing) is never one who verified the partner's vetting. Their steps leave those officers out when they
 * choose one, and refuse a POST by one of them (a stale assignment, a roster that left no one else, or a lead
 * signed in who verified it).
 */
import { officerOf } from "../domain/officers.ts";
import { vettingVerifiers } from "../domain/vetting-state.ts";
import { deciderOf } from "./decider.ts";
import type { StepView } from "./step.ts";

/** The refusal a signature by a verifier of the vetting gets. */
export const SEGREGATION_MESSAGE =
  "You verified this partner's vetting, so another officer must sign for the office (segregation of duties). Nothing was signed.";

/** The officers who verified the vetting, by address. */
export function vettingOfficers(view: Pick<StepView, "events">): string[] {
  return [...vettingVerifiers(view.events)].flatMap((actor) => officerOf(actor) ?? []);
}

/**
 * Whether the officer who would sign verified the vetting, and so may not: the one signed in (a lead deciding an
 * escalated step, say), else the officer the decision is assigned to.
 */
export function barredFromSigning(view: Pick<StepView, "events" | "decision" | "signedInAs">): boolean {
  return vettingOfficers(view).includes(deciderOf(view));
}
