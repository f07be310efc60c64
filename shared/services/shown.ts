/**
 * What a decider was shown: the step's page as it stood when they decided (rendered again, at the deciding POST,
 * from the same data as its GET: the partnership, the decision and the ledger), by its SHA-256, and the
 * versions of the checklist and the agreement's template it showed. Recorded with the decision.
 *
 * The page is hashed with its link's token replaced by `{token}` (the form's action, and the document links below
 * it), so that the console can render it again without the token (only its hash is kept) and compare
 * (shared/services/console.ts).
 */

import type { Shown } from "../domain/partnership.ts";
import { sha256Hex } from "../domain/sha256.ts";
import { pinnedChecklistVersion } from "../domain/vetting-state.ts";
import type { HumanStep, StepView } from "../steps/step.ts";
import type { SafeHtml } from "../web/html.ts";

/** What stands for the link's token in the page that is hashed. */
export const TOKEN_PLACEHOLDER = "{token}";

/** The step's page as its GET shows it from this data, with `{token}` for the link's token. */
export function shownPage(step: HumanStep, view: StepView): { title: string; body: SafeHtml } {
  const action = `${step.linkPath}/${TOKEN_PLACEHOLDER}`;
  return step.page({ ...view, form: { action, values: step.initialValues(view), errors: [] } });
}

export function shownOf(step: HumanStep, view: StepView): Shown {
  const { body } = shownPage(step, view);
  const checklistVersion = pinnedChecklistVersion(view.events);
  const templateVersion = view.events.findLast((e) => e.type === "AgreementIssued")?.data.templateVersion;
  return {
    pageSha256: sha256Hex(body.value),
    ...(checklistVersion ? { checklistVersion } : {}),
    ...(typeof templateVersion === "string" ? { templateVersion } : {}),
  };
}
