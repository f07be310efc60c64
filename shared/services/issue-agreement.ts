/**
 * Issuing the agreement (the IssueAgreement task): the terms an officer set last are rendered from the template
 * as the next version's PDF, stored by its SHA-256, and recorded in the ledger. A new version voids the
 * signatures on the one before. Safe to repeat: terms already issued are not issued again, and the same terms
 * render the same bytes (the PDF is dated by when the terms were set).
 */

import { agreementPdf } from "../documents/agreement-pdf.ts";
import { renderAgreement } from "../domain/agreement.ts";
import { agreementState } from "../domain/agreement-state.ts";
import { agreementKey } from "../domain/document-keys.ts";
import { PartnershipNotFoundError, ValidationError } from "../domain/errors.ts";
import { sha256Hex } from "../domain/sha256.ts";
import { eventDraft } from "../events/draft.ts";
import type { EvidenceWriter } from "../ports/evidence-store.ts";
import { agreementInputOf } from "../steps/agreement-view.ts";
import type { Needs } from "./dependencies.ts";

export async function issueAgreement(
  deps: Needs<"repository" | "config" | "clock"> & { documents: EvidenceWriter },
  input: { partnershipId: string },
  step: string,
): Promise<{ version: number; sha256: string }> {
  const record = await deps.repository.getPartnershipRecord(input.partnershipId);
  if (!record) throw new PartnershipNotFoundError(`No partnership ${input.partnershipId}`);
  const state = agreementState(record.events);
  const latest = state.latestTerms;
  if (!latest) throw new ValidationError("No terms have been set for the agreement");
  if (state.current?.termsDecisionId === latest.decisionId)
    return { version: state.current.version, sha256: state.current.sha256 };
  const set = record.events.find(
    (e) => e.type === "AgreementTermsSet" && e.data.decisionId === latest.decisionId,
  );
  const issuedAt = set?.at ?? new Date(0).toISOString();
  const version = (state.current?.version ?? 0) + 1;
  const view = { partnership: record.partnership, events: record.events, config: deps.config };
  const agreement = agreementInputOf(view, {
    version,
    templateVersion: latest.templateVersion,
    terms: latest.terms,
    issuedAt,
  });
  const pdf = await agreementPdf(renderAgreement(agreement), {
    issuedAt,
    id: `Partnership ${record.partnership.id}, agreement version ${version}`,
  });
  const sha256 = sha256Hex(pdf);
  await deps.documents.put(agreementKey(record.partnership.id, version, sha256), pdf, "application/pdf");
  const voids = state.current && state.signatures.length > 0 ? [state.current.version] : undefined;
  const head = record.events.at(-1);
  await deps.repository.appendEventsOnce(
    [
      eventDraft(
        "AgreementIssued",
        {
          partnershipId: record.partnership.id,
          at: deps.clock.now().toISOString(),
          actor: "system:workflow",
          step,
        },
        {
          version,
          sha256,
          templateVersion: latest.templateVersion,
          termsDecisionId: latest.decisionId,
          issuedAt,
          officeName: agreement.office.name,
          timeZone: agreement.timeZone,
          ...(voids ? { voids } : {}),
        },
      ),
    ],
    head?.seq ?? 0,
    head,
  );
  return { version, sha256 };
}
