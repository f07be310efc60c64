/**
 * The completion certificate of the agreement's current version, made from the ledger: the document's hash
 * bound to both signatures' evidence. The same every time it is made (completed when the office countersigned),
 * so the page, its JSON and its PDF need no copy of their own.
 */
import { signatureOf } from "../domain/agreement-state.ts";
import { type CompletionCertificate, completionCertificate } from "../domain/completion-certificate.ts";
import { type IssuedAgreement, issuedAgreement } from "./agreement-view.ts";
import type { AssignView } from "./step.ts";

export interface CertifiedAgreement {
  readonly agreement: IssuedAgreement;
  readonly certificate: CompletionCertificate;
}

/** The certificate, once both parties have signed the current version electronically; undefined before. */
export function certifiedAgreement(view: AssignView): CertifiedAgreement | undefined {
  const agreement = issuedAgreement(view);
  const office = agreement && signatureOf(agreement.state, "office");
  if (!agreement || !office || !signatureOf(agreement.state, "partner")) return undefined;
  const { issued, state } = agreement;
  const certificate = completionCertificate({
    partnershipId: view.partnership.id,
    agreementVersion: issued.version,
    documentSha256: issued.sha256,
    templateVersion: issued.templateVersion,
    signatures: state.signatures,
    completedAt: office.signedAt,
  });
  return { agreement, certificate };
}
