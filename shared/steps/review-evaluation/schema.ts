/** The officer's evaluation of the review, as posted: renew, amend (what to change) or terminate (why). */
import { freeText } from "../../schemas/free-text.ts";
import { fieldErrors } from "../../schemas/validation.ts";
import * as z from "../../schemas/zod.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import type { ParsedAnswer } from "../step.ts";

export const EVALUATION_OUTCOMES = ["renew", "amend", "terminate"] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

const WHY: Record<EvaluationOutcome, string | undefined> = {
  renew: undefined,
  amend: "Required: say what the new version of the agreement should change",
  terminate: "Required: say why the partnership is terminated (the partner is told)",
};

export const LABELS = { comment: "Your evaluation", outcome: "Your decision" } as const;

const evaluationSchema = z
  .object({
    outcome: z.enum(EVALUATION_OUTCOMES, "Choose one of the buttons"),
    comment: z._default(freeText(0, 2000), ""),
  })
  .check(
    z.superRefine((d, ctx) => {
      const why = WHY[d.outcome];
      if (why && d.comment.length === 0) ctx.addIssue({ code: "custom", path: ["comment"], message: why });
    }),
  );

export function parseEvaluation(fields: FormFields): ParsedAnswer<EvaluationOutcome> {
  const parsed = evaluationSchema.safeParse({
    outcome: firstValue(fields.outcome),
    comment: firstValue(fields.comment),
  });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, "outcome") };
  return { ok: true, answer: { outcome: parsed.data.outcome, comment: parsed.data.comment } };
}
