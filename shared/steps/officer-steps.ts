/**
 * What every officer's step shares: the declaration of no conflict of interest that each decision needs, the
 * "I have a conflict" outcome that hands the decision to another officer (the workflow opens the same step
 * again, and the ledger's record of the conflict keeps this officer out of it), and how an officer is chosen.
 */
import { STATE } from "../../workflows/onboarding/states.ts";
import type { Json } from "../domain/canonical-json.ts";
import { NoOfficerAvailableError } from "../domain/errors.ts";
import { CONFLICT_OUTCOME, conflictedOfficers, officerFor } from "../domain/officers.ts";
import { amendmentUnderway } from "../domain/review.ts";
import { firstValue } from "../web/form-kit.ts";
import { html, type SafeHtml } from "../web/html.ts";
import type { FormFields } from "../web/intake-form.ts";
import type { AssignView, FormState, HumanStep, ParsedAnswer, StepOutcome, StepView } from "./step.ts";

export { CONFLICT_OUTCOME } from "../domain/officers.ts";

/** The field that declares no conflict of interest, and its label for a page's error summary. */
export const NO_CONFLICT_FIELD = "noConflict";
export const CONFLICT_LABELS = { [NO_CONFLICT_FIELD]: "Conflict of interest" } as const;

/** The officer's "I have a conflict of interest" outcome of a step: back to the same step, for another officer. */
export function conflictOutcome(step: Pick<HumanStep, "state">): StepOutcome {
  return {
    next: step.state,
    label: "I have a conflict of interest: pass this to another officer",
    done: "Recorded: you declared a conflict of interest. The decision has gone to another officer, and you will not be asked to decide for this partner.",
    decided: "A conflict of interest was declared, and the decision went to another officer",
  };
}

/** A step's outcomes as the workflow routes them: an officer's step also has the conflict outcome. */
export function routedOutcomes(step: HumanStep): [string, StepOutcome][] {
  const own = Object.entries(step.outcomes);
  return step.asked === "officer" ? [...own, [CONFLICT_OUTCOME, conflictOutcome(step)]] : own;
}

/**
 * The officer's "Decline" outcome: it ends the partnership, with the reason the partner is told; during an
 * amendment (the review's, through the same signing steps) it declines the new terms only, and the partnership
 * stays active on the agreement in force (workflows/review).
 */
export function declineOutcome(label = "Decline"): StepOutcome {
  const amending = (view: StepView) => amendmentUnderway(view.events);
  return {
    next: STATE.declinePartnership,
    label,
    ends: true,
    confirmFor: (view) =>
      amending(view)
        ? "This declines the amendment: the partnership stays active on the agreement in force, and the lead is told."
        : undefined,
    done: "Declined. The partner has been told, with your reason.",
    doneDetail: (view) =>
      amending(view)
        ? "The amendment is declined: the partnership stays active on the agreement in force, and the lead is told."
        : undefined,
    decided: "Declined: the onboarding ended",
  };
}

/**
 * A decline parsed while the periodic review's amendment is under way declines the new terms only: its ledger
 * event records so (details.amendment), for the timeline's words. Any other answer as it is.
 */
export function markAmendmentDecline<O extends string>(
  read: ParsedAnswer<O>,
  view: StepView,
): ParsedAnswer<O> {
  return read.ok === true && read.answer.outcome === "decline" && amendmentUnderway(view.events)
    ? { ok: true, answer: { ...read.answer, details: { ...read.answer.details, amendment: true } } }
    : read;
}

const MAX_COMMENT = 2000;

/**
 * How an officer's page with a decline button reads its POST: a decline (its reason required), a comment too
 * long, a button the page does not have; or, for the step's own button `own`, the comment to go on with.
 */
export function declineOr(
  fields: FormFields,
  own: string,
  missingReason = "Required: say why the partnership is declined",
): ParsedAnswer<"decline"> | { comment: string } {
  const comment = firstValue(fields.comment)?.trim() ?? "";
  if (comment.length > MAX_COMMENT)
    return { ok: false, errors: [{ field: "comment", message: `Enter at most ${MAX_COMMENT} characters` }] };
  const chosen = firstValue(fields.outcome);
  if (chosen === "decline")
    return comment
      ? { ok: true, answer: { outcome: "decline", comment } }
      : {
          ok: false,
          errors: [{ field: "comment", message: missingReason }],
        };
  if (chosen !== own)
    return { ok: false, errors: [{ field: "outcome", message: "Choose one of the buttons" }] };
  return { comment };
}

/** One of a step's outcomes, the conflict outcome included. */
export function outcomeOf(step: HumanStep, outcome: string): StepOutcome | undefined {
  if (Object.hasOwn(step.outcomes, outcome)) return step.outcomes[outcome];
  return step.asked === "officer" && outcome === CONFLICT_OUTCOME ? conflictOutcome(step) : undefined;
}

/**
 * Reads a POST of any step. An officer either passes the decision on (the conflict button), or decides and
 * declares that they have no conflict of interest: without the declaration, the page comes back with it asked
 * for, beside whatever else is wrong. The declaration is recorded with the decision.
 */
export async function parseAnswer(
  step: HumanStep,
  fields: FormFields,
  view: StepView,
): Promise<ParsedAnswer> {
  if (step.asked !== "officer") return step.parse(fields, view);
  if (firstValue(fields.outcome) === CONFLICT_OUTCOME)
    return { ok: true, answer: { outcome: CONFLICT_OUTCOME, comment: "" } };
  const parsed = await step.parse(fields, view);
  const declared = firstValue(fields[NO_CONFLICT_FIELD]) === "yes";
  if (!declared) {
    const missing = {
      field: NO_CONFLICT_FIELD,
      message:
        "Required: declare that you have no conflict of interest with this partner, or pass the decision on",
    };
    return { ok: false, errors: [...(parsed.ok === false ? parsed.errors : []), missing] };
  }
  if (parsed.ok !== true) return parsed;
  const details: Record<string, Json> = { ...parsed.answer.details, noConflictDeclared: true };
  return { ok: true, answer: { ...parsed.answer, details } };
}

/** The declaration every officer's decision page asks for, and the button that passes the decision on. */
export function conflictQuestion(form: FormState): SafeHtml {
  const invalid = form.errors.some((e) => e.field === NO_CONFLICT_FIELD);
  const checked = firstValue(form.values[NO_CONFLICT_FIELD]) === "yes";
  const message = form.errors.find((e) => e.field === NO_CONFLICT_FIELD)?.message;
  const id = `f-${NO_CONFLICT_FIELD}`;
  return html`<fieldset class="field coi" id="${id}-group"><legend>Conflict of interest</legend>
${message ? html`<p class="error" id="${id}-error">${message}</p>` : ""}
<label class="choice" for="${id}"><input type="checkbox" id="${id}" name="${NO_CONFLICT_FIELD}" value="yes"${checked ? html` checked` : ""}${
    invalid ? html` class="invalid" aria-invalid="true" aria-describedby="${id}-error"` : ""
  }> I declare that I have no conflict of interest with this partner (no personal, family or financial interest in it).</label>
<p class="hint">If you have one, do not decide: pass it on. Another officer gets the decision, and the ledger records your declaration.</p>
<button type="submit" name="outcome" value="${CONFLICT_OUTCOME}" class="secondary" formnovalidate>I have a conflict of interest: pass this on</button></fieldset>`;
}

/**
 * The officer a step goes to: among the office's officers, not one who declared a conflict with this partner
 * nor one of `exclude`; the lead when none is left.
 */
export function assignOfficer(view: AssignView, exclude: Iterable<string> = []): string {
  const { partnership, events, config } = view;
  const excluded = new Set([...conflictedOfficers(events), ...exclude]);
  const officer = officerFor(
    partnership.id,
    { officers: config.OFFICER_EMAILS, lead: config.LEAD_EMAIL },
    excluded,
  );
  if (!officer)
    throw new NoOfficerAvailableError(
      "No officer may decide this step: every officer and the lead declared a conflict or is excluded",
    );
  return officer;
}
