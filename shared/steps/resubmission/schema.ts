/** The partner's answer and corrected intake, as posted from the resubmission page. */
import { freeText } from "../../schemas/free-text.ts";
import { fieldErrors } from "../../schemas/validation.ts";
import type { FormFields } from "../../web/intake-form.ts";
import { formToIntake } from "../../web/intake-form.ts";
import type { ParsedAnswer, StepView } from "../step.ts";

const answerSchema = freeText(1, 2000);

export async function parseResubmission(
  fields: FormFields,
  view: StepView,
): Promise<ParsedAnswer<"resubmitted">> {
  // Loaded on the first resubmission, not at the cold start of the function that decides every step.
  const { intakeSchema } = await import("../../schemas/intake.ts");
  const answer = answerSchema.safeParse(
    Array.isArray(fields.answer) ? fields.answer[0] : (fields.answer ?? ""),
  );
  const intake = intakeSchema.safeParse(formToIntake(fields));
  const errors = [
    ...(answer.success ? [] : fieldErrors(answer.error, "answer")),
    ...(intake.success ? [] : fieldErrors(intake.error)),
  ];
  if (!answer.success || !intake.success) return { ok: false, errors };
  return {
    ok: true,
    answer: {
      outcome: "resubmitted",
      comment: answer.data,
      resubmission: { intakeVersion: view.partnership.intakeVersion + 1, intake: intake.data },
    },
  };
}
