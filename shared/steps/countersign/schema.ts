/**
 * The officer's countersignature, as posted: on the same document the partner signed, never by the officer who
 * verified the vetting (segregation of duties); or a change asked for, which makes a new version and voids the
 * partner's signature.
 */
import { signatureOf } from "../../domain/agreement-state.ts";
import type { FieldError } from "../../schemas/validation.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import { issuedAgreement } from "../agreement-view.ts";
import { deciderOf } from "../decider.ts";
import { barredFromSigning, SEGREGATION_MESSAGE } from "../segregation.ts";
import { asJson, readSignature, SIGNATURE_LABELS } from "../signature-form.ts";
import type { ParsedAnswer, StepView } from "../step.ts";

export type CountersignOutcome = "countersign" | "amend";

export const LABELS = {
  ...SIGNATURE_LABELS,
  comment: "What should change",
  outcome: "Your decision",
} as const;

export function parseCountersign(fields: FormFields, view: StepView): ParsedAnswer<CountersignOutcome> {
  // Who signs for the office: whoever decides (signed in), not only the officer assigned.
  const officer = deciderOf(view);
  if (barredFromSigning(view))
    return { ok: false, errors: [{ field: "outcome", message: SEGREGATION_MESSAGE }] };
  const agreement = issuedAgreement(view);
  if (!agreement)
    return { ok: false, errors: [{ field: "outcome", message: "There is no agreement to countersign" }] };
  const comment = (firstValue(fields.comment) ?? "").trim();
  if (comment.length > 2000)
    return { ok: false, errors: [{ field: "comment", message: "Enter at most 2000 characters" }] };
  const chosen = firstValue(fields.outcome);
  if (chosen === "amend")
    return comment
      ? { ok: true, answer: { outcome: "amend", comment } }
      : {
          ok: false,
          errors: [{ field: "comment", message: "Required: say what should change in the agreement" }],
        };
  if (chosen !== "countersign")
    return { ok: false, errors: [{ field: "outcome", message: "Choose one of the buttons" }] };
  const errors: FieldError[] = [];
  if (!signatureOf(agreement.state, "partner"))
    errors.push({
      field: "outcome",
      message: "The partner has not signed this version: there is nothing to countersign",
    });
  const signature = readSignature(fields, view, agreement, { role: "office", email: officer }, errors);
  if (!signature || errors.length > 0) return { ok: false, errors };
  return { ok: true, answer: { outcome: "countersign", comment, details: { signature: asJson(signature) } } };
}
