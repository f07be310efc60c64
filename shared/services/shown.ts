/**
 * What a decider was shown: the step's page as it stood when they decided (rendered again, at the deciding POST,
 * from the same data as its GET: the partnership, the decision and the ledger), by its SHA-256, and the
 * versions of the checklist and the agreement's template it showed. Recorded with the decision.
 */

import type { Shown } from "../domain/partnership.ts";
import { sha256Hex } from "../domain/sha256.ts";
import { pinnedChecklistVersion } from "../domain/vetting-state.ts";
import type { HumanStep, StepView } from "../steps/step.ts";

export function shownOf(step: HumanStep, view: StepView, action: string): Shown {
  const { body } = step.page({ ...view, form: { action, values: step.initialValues(view), errors: [] } });
  const checklistVersion = pinnedChecklistVersion(view.events);
  const templateVersion = view.events.findLast((e) => e.type === "AgreementIssued")?.data.templateVersion;
  return {
    pageSha256: sha256Hex(body.value),
    ...(checklistVersion ? { checklistVersion } : {}),
    ...(typeof templateVersion === "string" ? { templateVersion } : {}),
  };
}
