/**
 * The partnership's agreement as the ledger tells it: the versions issued (each with its document's SHA-256),
 * the terms each was made from, and the signatures on the current version. A signature binds one version's
 * hash: a newer version voids the signatures on the ones before.
 */
import {
  agreementTermsSetSchema,
  detailsOf,
  type SignatureEvidence,
  signedSchema,
} from "../schemas/step-details.ts";
import * as z from "../schemas/zod.ts";
import type { LedgerEvent } from "./ledger.ts";

/** The ledger events of the agreement (the step folders and the issuing task declare them). */
export const AGREEMENT_EVENTS = {
  termsSet: "AgreementTermsSet",
  issued: "AgreementIssued",
  partnerAnswered: "PartnerSignatureAnswered",
  countersigned: "CountersignatureDecided",
  completed: "AgreementCompleted",
  /** An amendment declined (workflows/review): the version completed before it is in force again. */
  amendmentDeclined: "AmendmentDeclined",
  /** The periodic review's end (workflows/review): its amend asks for new terms, and says what to change. */
  reviewCompleted: "ReviewCompleted",
} as const;

export const agreementIssuedSchema = z.object({
  version: z.number(),
  sha256: z.string(),
  templateVersion: z.string(),
  /** The decision that set the terms it was made from. */
  termsDecisionId: z.string(),
  /** When it was issued, as its document states: rendering it again from the ledger gives the same bytes. */
  issuedAt: z.string(),
  /** The office's name and time zone it was rendered with (absent from versions issued before they were kept). */
  officeName: z.optional(z.string()),
  timeZone: z.optional(z.string()),
  /** Earlier versions whose signatures this one voids. */
  voids: z.optional(z.array(z.number())),
});
export type AgreementIssued = z.infer<typeof agreementIssuedSchema>;

export interface AgreementTermsRecord {
  readonly decisionId: string;
  readonly templateVersion: string;
  readonly terms: Readonly<Record<string, unknown>>;
}

export interface AgreementState {
  /** The latest terms an officer set, not yet issued when its decision differs from the current version's. */
  readonly latestTerms?: AgreementTermsRecord | undefined;
  readonly current?: AgreementIssued | undefined;
  /** Signatures on the current version's document. */
  readonly signatures: readonly SignatureEvidence[];
  /** Whether the partner's signatory asked to sign on paper for the current version. */
  readonly paperRequested: boolean;
  readonly completed: boolean;
  /** What was asked to change (a countersigning officer's, or the periodic review's amend), until new terms are set. */
  readonly changeAsked?: string | undefined;
  /** Who asked for that change: the periodic review (its amend, ReviewCompleted), or someone at the signing. */
  readonly changeAskedBy?: "review" | "signing" | undefined;
  /** The version last completed (signed by both parties): the one in force, while an amendment is signed. */
  readonly inForceVersion?: number | undefined;
}

/**
 * The ledger's AgreementTermsSet that a version was made from: by default the version issued last (`issued`, when
 * the caller has the state already); undefined before one is issued.
 */
export function issuedTermsEvent(
  events: readonly LedgerEvent[],
  issued: Pick<AgreementIssued, "termsDecisionId"> | undefined = agreementState(events).current,
): LedgerEvent | undefined {
  if (!issued) return undefined;
  return events.find((e) => e.type === "AgreementTermsSet" && e.data.decisionId === issued.termsDecisionId);
}

export function agreementState(events: readonly LedgerEvent[]): AgreementState {
  // The last version completed, as it stood: a declined amendment puts it back (its new version, if one was
  // issued, is kept in the ledger but is not in force).
  let inForce: AgreementState | undefined;
  let latestTerms: AgreementTermsRecord | undefined;
  let current: AgreementIssued | undefined;
  let signatures: SignatureEvidence[] = [];
  let paperRequested = false;
  let completed = false;
  let changeAsked: string | undefined;
  let changeAskedBy: AgreementState["changeAskedBy"];
  for (const event of events) {
    switch (event.type) {
      case AGREEMENT_EVENTS.termsSet: {
        const set = detailsOf(agreementTermsSetSchema, event.data);
        if (set && typeof event.data.decisionId === "string") {
          latestTerms = { decisionId: event.data.decisionId, ...set };
          changeAsked = undefined;
          changeAskedBy = undefined;
        }
        break;
      }
      case AGREEMENT_EVENTS.issued: {
        const issued = agreementIssuedSchema.safeParse(event.data);
        if (issued.success) {
          current = issued.data;
          signatures = [];
          paperRequested = false;
          completed = false;
        }
        break;
      }
      case AGREEMENT_EVENTS.partnerAnswered:
      case AGREEMENT_EVENTS.countersigned: {
        const signed = detailsOf(signedSchema, event.data);
        if (signed && current && signed.signature.documentSha256 === current.sha256)
          signatures = [...signatures.filter((s) => s.role !== signed.signature.role), signed.signature];
        if (event.data.outcome === "paper") paperRequested = true;
        if (event.data.outcome === "amend" && typeof event.data.comment === "string") {
          changeAsked = event.data.comment;
          changeAskedBy = "signing";
        }
        break;
      }
      // The periodic review's amend: the reason the officer gave is what the new terms are to change.
      case AGREEMENT_EVENTS.reviewCompleted:
        if (event.data.outcome === "amend") {
          const reason = typeof event.data.reason === "string" ? event.data.reason.trim() : "";
          changeAsked = reason || undefined;
          changeAskedBy = "review";
        }
        break;
      case AGREEMENT_EVENTS.completed:
        completed = true;
        inForce = { latestTerms, current, signatures, paperRequested, completed, changeAsked, changeAskedBy };
        break;
      case AGREEMENT_EVENTS.amendmentDeclined:
        if (inForce) {
          ({ latestTerms, current, paperRequested, completed, changeAsked, changeAskedBy } = inForce);
          signatures = [...inForce.signatures];
        }
        break;
    }
  }
  return {
    latestTerms,
    current,
    signatures,
    paperRequested,
    completed,
    changeAsked,
    changeAskedBy,
    inForceVersion: inForce?.current?.version,
  };
}

/** The signature of one party on the current version, if given. */
export function signatureOf(
  state: AgreementState,
  role: SignatureEvidence["role"],
): SignatureEvidence | undefined {
  return state.signatures.find((s) => s.role === role);
}
