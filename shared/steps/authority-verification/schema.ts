/** The officer's verification of the signatory's authority, as posted: verified, evidence asked for, or declined. */
import { freeText } from "../../schemas/free-text.ts";
import { fieldErrors } from "../../schemas/validation.ts";
import * as z from "../../schemas/zod.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import type { ParsedAnswer } from "../step.ts";

export const AUTHORITY_OUTCOMES = ["verify", "request-evidence", "decline"] as const;
export type AuthorityOutcome = (typeof AUTHORITY_OUTCOMES)[number];

const WHY: Record<AuthorityOutcome, string | undefined> = {
  verify: undefined,
  "request-evidence": "Required: say what evidence of authority the signatory should give",
  decline: "Required: say why the partnership is declined",
};

const schema = z
  .object({
    outcome: z.enum(AUTHORITY_OUTCOMES, "Choose one of the buttons"),
    comment: z._default(freeText(0, 2000), ""),
  })
  .check(
    z.superRefine((d, ctx) => {
      const why = WHY[d.outcome];
      if (why && d.comment.length === 0) ctx.addIssue({ code: "custom", path: ["comment"], message: why });
    }),
  );

export function parseAuthorityVerification(fields: FormFields): ParsedAnswer<AuthorityOutcome> {
  const parsed = schema.safeParse({
    outcome: firstValue(fields.outcome),
    comment: firstValue(fields.comment),
  });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, "outcome") };
  return { ok: true, answer: parsed.data };
}
