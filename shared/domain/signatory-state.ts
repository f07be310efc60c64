/**
 * Who signs for the organisation, read from the ledger: the signatory the intake named, or the person they
 * delegated to (each delegation replaces the one before), and whether that person has confirmed their name,
 * title and authority.
 */
import type { Intake } from "../schemas/intake.ts";
import {
  delegatedSchema,
  detailsOf,
  type PersonRole,
  signatoryConfirmedSchema,
} from "../schemas/step-details.ts";
import type { LedgerEvent } from "./ledger.ts";

/** The ledger event the signatory's step records its answer with (its step folder declares it). */
export const SIGNATORY_ANSWERED = "AuthorityConfirmationAnswered";

export interface SignatoryState {
  /** The person asked to sign now. */
  readonly signatory: PersonRole;
  /** Set once that person confirmed: their name and title as confirmed, and any evidence they gave. */
  readonly confirmed?:
    | { readonly evidence?: string | undefined; readonly checkReasons: readonly string[] }
    | undefined;
  /** How many times the signing was handed on. */
  readonly delegations: number;
  /** What an officer asked the signatory for (evidence of authority), until the signatory answers it. */
  readonly evidenceAsked?: string | undefined;
}

/** The officer's verification of the signatory's authority (its step folder declares it). */
export const AUTHORITY_VERIFIED = "AuthorityVerificationDecided";

export function signatoryState(intake: Intake, events: readonly LedgerEvent[]): SignatoryState {
  let state: SignatoryState = { signatory: { ...intake.signatory }, delegations: 0 };
  for (const event of events) {
    if (event.type === AUTHORITY_VERIFIED) {
      if (event.data.outcome === "request-evidence" && typeof event.data.comment === "string")
        state = { ...state, evidenceAsked: event.data.comment };
      continue;
    }
    if (event.type !== SIGNATORY_ANSWERED) continue;
    const delegated = detailsOf(delegatedSchema, event.data);
    if (delegated) {
      // The delegate is asked what the one before them was asked.
      state = {
        signatory: delegated.delegate,
        delegations: state.delegations + 1,
        evidenceAsked: state.evidenceAsked,
      };
      continue;
    }
    const confirmed = detailsOf(signatoryConfirmedSchema, event.data);
    if (confirmed)
      state = {
        ...state,
        signatory: confirmed.signatory,
        confirmed: { evidence: confirmed.evidence, checkReasons: confirmed.checkReasons },
        evidenceAsked: undefined,
      };
  }
  return state;
}
