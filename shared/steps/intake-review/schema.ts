/** The officer's decision on an intake, as posted from the review page. */
import { freeText } from "../../schemas/free-text.ts";
import { fieldErrors } from "../../schemas/validation.ts";
import * as z from "../../schemas/zod.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import type { ParsedAnswer } from "../step.ts";

export const INTAKE_REVIEW_OUTCOMES = ["approve", "request-info", "decline"] as const;
export type IntakeReviewOutcome = (typeof INTAKE_REVIEW_OUTCOMES)[number];

const WHY: Record<IntakeReviewOutcome, string | undefined> = {
  approve: undefined,
  "request-info": "Required: say what information the partner should add",
  decline: "Required: say why the intake is declined",
};

export const intakeReviewSchema = z
  .object({
    outcome: z.enum(INTAKE_REVIEW_OUTCOMES, "Choose one of the buttons"),
    // Blank (or only spaces) is no comment: the check below asks for one where it is needed.
    comment: z._default(freeText(0, 2000), ""),
  })
  .check(
    z.superRefine((d, ctx) => {
      const why = WHY[d.outcome];
      if (why && d.comment.length === 0) ctx.addIssue({ code: "custom", path: ["comment"], message: why });
    }),
  );

export function parseIntakeReview(fields: FormFields): ParsedAnswer<IntakeReviewOutcome> {
  const parsed = intakeReviewSchema.safeParse({
    outcome: firstValue(fields.outcome),
    comment: firstValue(fields.comment),
  });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, "outcome") };
  return { ok: true, answer: { outcome: parsed.data.outcome, comment: parsed.data.comment } };
}
