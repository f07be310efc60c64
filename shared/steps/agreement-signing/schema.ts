/**
 * The signatory's answer to the agreement, as posted: signed (consent to do business electronically, intent,
 * the confirmed signatory's name typed, on the version shown), or a paper process asked for instead.
 */
import { signatoryState } from "../../domain/signatory-state.ts";
import type { FieldError } from "../../schemas/validation.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import { issuedAgreement } from "../agreement-view.ts";
import { asJson, readSignature, SIGNATURE_LABELS } from "../signature-form.ts";
import type { ParsedAnswer, StepView } from "../step.ts";

export type SigningOutcome = "sign" | "paper";

export const LABELS = {
  ...SIGNATURE_LABELS,
  consent: "Consent to sign electronically",
  action: "Sign, or ask for paper",
  reason: "Why paper",
} as const;

export function parseSigning(fields: FormFields, view: StepView): ParsedAnswer<SigningOutcome> {
  const agreement = issuedAgreement(view);
  if (!agreement)
    return { ok: false, errors: [{ field: "action", message: "There is no agreement to sign yet" }] };
  const action = firstValue(fields.action);
  if (action === "paper") {
    const reason = (firstValue(fields.reason) ?? "").trim();
    if (reason.length > 1000)
      return { ok: false, errors: [{ field: "reason", message: "Enter at most 1000 characters" }] };
    return {
      ok: true,
      answer: {
        outcome: "paper",
        comment: reason,
        details: { paperRequested: true, agreementVersion: agreement.issued.version },
      },
    };
  }
  if (action !== "sign")
    return { ok: false, errors: [{ field: "action", message: "Choose one of the buttons" }] };
  const errors: FieldError[] = [];
  if (firstValue(fields.consent) !== "yes")
    errors.push({
      field: "consent",
      message: "Required: consent to sign electronically, or ask for a paper process at the end of the page",
    });
  const { signatory } = signatoryState(view.partnership.intake, view.events);
  const signature = readSignature(
    fields,
    view,
    agreement,
    { role: "partner", email: view.decision.assignee, title: signatory.title, expectedName: signatory.name },
    errors,
  );
  if (!signature || errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    answer: {
      outcome: "sign",
      comment: "",
      details: { signature: asJson({ ...signature, consentToElectronicRecords: true }) },
    },
  };
}
