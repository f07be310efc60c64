/**
 * The agreement as the ledger makes it: the input of the version issued (terms, parties, template), from which
 * the issuing task renders its PDF and the pages render the same text as HTML.
 */
import type { AgreementDocument, AgreementInput } from "../domain/agreement.ts";
import { renderAgreement } from "../domain/agreement.ts";
import {
  type AgreementIssued,
  type AgreementState,
  agreementState,
  issuedTermsEvent,
} from "../domain/agreement-state.ts";
import { signatoryState } from "../domain/signatory-state.ts";
import { agreementTermsSchema } from "../schemas/agreement-terms.ts";
import { label } from "../schemas/vocabulary.ts";
import type { AssignView } from "./step.ts";

/** What a version of the agreement is rendered from: the terms an officer set, at the time they were set. */
export interface IssuedFrom {
  readonly version: number;
  readonly templateVersion: string;
  readonly terms: Readonly<Record<string, unknown>>;
  readonly issuedAt: string;
  /**
   * The office's name and time zone the version was issued under: its page shows the text its PDF holds,
   * whatever the configuration says since. The configuration's when absent (a version about to be issued).
   */
  readonly officeName?: string | undefined;
  readonly timeZone?: string | undefined;
}

export function agreementInputOf(view: AssignView, from: IssuedFrom): AgreementInput {
  const { partnership: p, events, config } = view;
  const { signatory } = signatoryState(p.intake, events);
  return {
    templateVersion: from.templateVersion,
    version: from.version,
    partnershipId: p.id,
    office: { name: from.officeName ?? config.OFFICE_NAME },
    partner: {
      organisationName: p.organisationName,
      organisationType: label(p.intake.organisation.type),
      signatoryName: signatory.name,
      signatoryTitle: signatory.title,
    },
    partnershipType: label(p.assessment?.proposedType ?? "partnership"),
    terms: agreementTermsSchema.parse(from.terms),
    issuedAt: from.issuedAt,
    timeZone: from.timeZone ?? config.TIME_ZONE,
  };
}

export interface IssuedAgreement {
  readonly state: AgreementState;
  readonly issued: AgreementIssued;
  readonly document: AgreementDocument;
}

/** The version issued last, with its text; undefined before the first is issued. */
export function issuedAgreement(view: AssignView): IssuedAgreement | undefined {
  const state = agreementState(view.events);
  const issued = state.current;
  if (!issued) return undefined;
  const set = issuedTermsEvent(view.events, issued);
  const terms = (set?.data.details as { terms?: Record<string, unknown> } | undefined)?.terms ?? {};
  const document = renderAgreement(
    agreementInputOf(view, {
      version: issued.version,
      templateVersion: issued.templateVersion,
      terms,
      issuedAt: issued.issuedAt,
      officeName: issued.officeName,
      timeZone: issued.timeZone,
    }),
  );
  return { state, issued, document };
}
