/**
 * The partner's self-assessment, as posted: for each outcome the agreement in force sets, a rating (met, partly,
 * not met), the evidence for it and what should change. "save" keeps what is given so far to come back to;
 * "send" needs every rating and every evidence.
 */
import type { Json } from "../../domain/canonical-json.ts";
import { agreedOutcomes, RATINGS, type Rating, type SelfAssessmentRating } from "../../domain/review.ts";
import type { FieldError } from "../../schemas/validation.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import type { ParsedAnswer, StepView } from "../step.ts";

export const ACTION_FIELD = "action";
const MAX_TEXT = 2000;

/** What is rated: the agreement's outcomes, or the partnership as a whole when the agreement lists none. */
export function outcomesToRate(view: Pick<StepView, "events">): string[] {
  const outcomes = agreedOutcomes(view.events);
  return outcomes.length > 0 ? outcomes : ["The partnership as a whole"];
}

export const ratingField = (i: number) => `o${i}.rating`;
export const evidenceField = (i: number) => `o${i}.evidence`;
export const changeField = (i: number) => `o${i}.change`;

/** The fields of the form, as a draft keeps them. */
function draftOf(count: number, fields: FormFields): Record<string, Json> {
  const draft: Record<string, Json> = {};
  for (let i = 0; i < count; i++)
    for (const name of [ratingField(i), evidenceField(i), changeField(i)]) {
      const value = firstValue(fields[name])?.trim();
      if (value) draft[name] = value.slice(0, MAX_TEXT);
    }
  return draft;
}

export function parseSelfAssessment(fields: FormFields, view: StepView): ParsedAnswer<"submitted"> {
  const outcomes = outcomesToRate(view);
  const action = firstValue(fields[ACTION_FIELD]);
  if (action === "save") return { ok: "draft", draft: draftOf(outcomes.length, fields) };
  if (action !== "send")
    return {
      ok: false,
      errors: [{ field: ACTION_FIELD, message: "Choose one of the buttons: save, or send" }],
    };
  const errors: FieldError[] = [];
  const ratings: SelfAssessmentRating[] = [];
  outcomes.forEach((outcome, i) => {
    const rating = firstValue(fields[ratingField(i)]);
    const evidence = firstValue(fields[evidenceField(i)])?.trim() ?? "";
    const change = firstValue(fields[changeField(i)])?.trim() ?? "";
    if (!RATINGS.includes(rating as Rating))
      errors.push({ field: ratingField(i), message: "choose met, partly met or not met" });
    if (!evidence) errors.push({ field: evidenceField(i), message: "say what shows it" });
    for (const [field, value] of [
      [evidenceField(i), evidence],
      [changeField(i), change],
    ] as const)
      if (value.length > MAX_TEXT) errors.push({ field, message: `Enter at most ${MAX_TEXT} characters` });
    ratings.push({ outcome, rating: rating as Rating, evidence, change });
  });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    answer: {
      outcome: "submitted",
      comment: "",
      details: { ratings: ratings.map((r) => ({ ...r })) },
    },
  };
}

/**
 * The labels of the fields, for the error summary: by the outcome's number, as the page heads each (an outcome
 * is a sentence of the agreement, too long to lead a line): "Outcome 1: choose met, partly met or not met".
 */
export function fieldLabels(outcomes: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = { [ACTION_FIELD]: "Save or send" };
  outcomes.forEach((_, i) => {
    labels[ratingField(i)] = `Outcome ${i + 1}`;
    labels[evidenceField(i)] = `Outcome ${i + 1}, evidence`;
    labels[changeField(i)] = `Outcome ${i + 1}, what should change`;
  });
  return labels;
}
