/** The officer's record of a paper signing, as posted: the signed copies received (with a reference), or declined. */
import { freeText } from "../../schemas/free-text.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import { declineOr, markAmendmentDecline } from "../officer-steps.ts";
import { barredFromSigning, SEGREGATION_MESSAGE } from "../segregation.ts";
import type { ParsedAnswer, StepView } from "../step.ts";

export type PaperOutcome = "received" | "decline";

export const LABELS = {
  reference: "Where the signed copies are filed",
  comment: "Comment",
  outcome: "Your decision",
} as const;

const reference = freeText(3, 500);

export function parsePaperAgreement(fields: FormFields, view: StepView): ParsedAnswer<PaperOutcome> {
  if (barredFromSigning(view))
    return { ok: false, errors: [{ field: "outcome", message: SEGREGATION_MESSAGE }] };
  const read = declineOr(fields, "received");
  if ("ok" in read) return markAmendmentDecline(read, view);
  const { comment } = read;
  const parsed = reference.safeParse(firstValue(fields.reference) ?? "");
  if (!parsed.success)
    return {
      ok: false,
      errors: [{ field: "reference", message: "Required: say where the signed paper copies are filed" }],
    };
  return {
    ok: true,
    answer: { outcome: "received", comment, details: { paper: { reference: parsed.data } } },
  };
}
