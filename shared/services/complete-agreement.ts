/**
 * Completing the agreement (the CompleteAgreement task): the completion certificate is made and stored, the
 * ledger records the completion, and both parties are emailed the signed agreement and its certificate as PDF
 * attachments. An agreement signed on paper completes with the officer's record of the signed copies. Safe to
 * repeat: the ledger says what is done (completed, delivered), and only what is missing is done again; the
 * emails go at least once.
 */

import { certificatePdf } from "../documents/certificate-pdf.ts";
import { signatureOf } from "../domain/agreement-state.ts";
import { certificateSha256 } from "../domain/completion-certificate.ts";
import { agreementKey, certificateKey } from "../domain/document-keys.ts";
import { PartnershipNotFoundError, ValidationError } from "../domain/errors.ts";
import { sha256Hex } from "../domain/sha256.ts";
import { signatoryState } from "../domain/signatory-state.ts";
import { eventDraft } from "../events/draft.ts";
import type { EmailAttachment } from "../ports/mailer.ts";
import { issuedAgreement } from "../steps/agreement-view.ts";
import { certifiedAgreement } from "../steps/certificate-view.ts";
import { compose, officeOf } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";
import { sendRecorded } from "./sent-emails.ts";

/**
 * The two tasks of the completion: `certify` (the certificate stored and the completion recorded) before the
 * partnership becomes active, `deliver` (the emails) after, so that nobody is told it is active before it is.
 */
export type CompletionPhase = "certify" | "deliver";

export async function completeAgreement(
  deps: Needs<"repository" | "config" | "documents" | "clock" | "mailer">,
  input: { partnershipId: string; phase: CompletionPhase },
  step: string,
): Promise<{ version: number }> {
  const record = await deps.repository.getPartnershipRecord(input.partnershipId);
  if (!record) throw new PartnershipNotFoundError(`No partnership ${input.partnershipId}`);
  const { partnership: p, events } = record;
  const view = { partnership: p, events, config: deps.config };
  const agreement = issuedAgreement(view);
  if (!agreement) throw new ValidationError("There is no agreement to complete");
  const { issued } = agreement;
  const origin = { partnershipId: p.id, at: deps.clock.now().toISOString(), actor: "system:workflow", step };
  const attachments: EmailAttachment[] = [];

  const certified = signatureOf(agreement.state, "office") ? certifiedAgreement(view) : undefined;
  const paper = certified ? undefined : paperReference(events);
  if (!certified && !paper)
    throw new ValidationError("The agreement is neither countersigned nor signed on paper");
  const drafts = [];
  if (certified) {
    // The same bytes each time (the certificate is dated by the countersignature): stored once, when certified.
    const certPdf = await certificatePdf(certified.certificate);
    const certPdfSha = sha256Hex(certPdf);
    if (input.phase === "certify")
      await deps.documents.put(certificateKey(p.id, issued.version, certPdfSha), certPdf, "application/pdf");
    attachments.push({
      filename: `completion-certificate-v${issued.version}.pdf`,
      contentType: "application/pdf",
      content: certPdf,
    });
    drafts.push(
      eventDraft("AgreementCompleted", origin, {
        version: issued.version,
        sha256: issued.sha256,
        certificateSha256: certificateSha256(certified.certificate),
        certificatePdfSha256: certPdfSha,
      }),
    );
  } else {
    drafts.push(
      eventDraft("AgreementCompleted", origin, {
        version: issued.version,
        sha256: issued.sha256,
        paperReference: paper,
      }),
    );
  }
  const completed = events.some((e) => e.type === "AgreementCompleted" && e.data.version === issued.version);
  if (input.phase === "certify") {
    const head = events.at(-1);
    if (!completed) await deps.repository.appendEventsOnce(drafts, head?.seq ?? 0, head);
    return { version: issued.version };
  }
  // Delivered once the partnership is active (ActivatePartnership comes between): the email says it is.
  if (!completed) throw new ValidationError(`Agreement version ${issued.version} is not completed yet`);
  const pdf = await deps.documents.get(agreementKey(p.id, issued.version, issued.sha256));
  if (!pdf) throw new ValidationError(`Agreement version ${issued.version}'s PDF is missing from the store`);
  attachments.unshift({
    filename: `agreement-v${issued.version}.pdf`,
    contentType: "application/pdf",
    content: pdf,
  });

  if (events.some((e) => e.type === "AgreementDelivered" && e.data.version === issued.version))
    return { version: issued.version };
  const office = officeOf(deps.config);
  // The one who signed: on paper, the signatory the ledger confirmed.
  const signatory =
    certified?.certificate.signatures.find((s) => s.role === "partner")?.email ??
    signatoryState(p.intake, events).signatory.email;
  const partnerTo = [...new Set([signatory, p.intake.contact.email].filter((a): a is string => Boolean(a)))];
  const officeTo = [
    ...new Set(
      [
        certified?.certificate.signatures.find((s) => s.role === "office")?.email,
        deps.config.OFFICE_EMAIL,
      ].filter((a): a is string => Boolean(a)),
    ),
  ];
  const what = certified
    ? "the signed agreement and its completion certificate"
    : "the agreement as signed on paper";
  for (const to of [partnerTo, officeTo]) {
    const mail = compose(office, {
      to,
      subject: `The partnership agreement with ${p.organisationName} is signed: the partnership is active`,
      paragraphs: [
        `The partnership agreement (version ${issued.version}) between ${p.organisationName} and the ${office.name} is signed by both parties, and the partnership is now active.`,
        `Attached: ${what}. The agreement's fingerprint (SHA-256) is ${issued.sha256}.`,
      ],
    });
    await sendRecorded(
      deps,
      { ...mail, attachments },
      {
        partnershipId: p.id,
        template: "agreement-delivered",
        role: (address) =>
          address === signatory
            ? "signatory"
            : to === partnerTo
              ? "partner"
              : address === deps.config.OFFICE_EMAIL
                ? "office"
                : "officer",
        actor: origin.actor,
        step,
      },
    );
  }
  const after = await deps.repository.listEvents(p.id);
  const last = after.at(-1);
  await deps.repository.appendEventsOnce(
    [
      eventDraft("AgreementDelivered", origin, {
        version: issued.version,
        recipients: partnerTo.length + officeTo.length,
        attachments: attachments.map((a) => a.filename),
      }),
    ],
    last?.seq ?? 0,
    last,
  );
  return { version: issued.version };
}

/** Where the paper copies are filed, when the latest paper signing was recorded as received. */
function paperReference(
  events: readonly { type: string; data: Record<string, unknown> }[],
): string | undefined {
  const recorded = [...events]
    .reverse()
    .find((e) => e.type === "PaperSigningRecorded" && e.data.outcome === "received");
  const paper = (recorded?.data.details as { paper?: { reference?: unknown } } | undefined)?.paper;
  return typeof paper?.reference === "string" ? paper.reference : undefined;
}
