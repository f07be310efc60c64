/** POST /resubmit/{token} : the corrected intake. Validated, kept as a new version, then reassessed. */
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { resumingWorkflowFromEnv } from "#shared/adapters/workflow-from-env.ts";
import type { Json } from "#shared/domain/canonical-json.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { intakeSchema } from "#shared/schemas/intake.ts";
import { fieldErrors } from "#shared/schemas/validation.ts";
import { closeAndResume, resolveForDecision } from "#shared/services/decide.ts";
import { resubmissionResponse } from "#shared/services/resubmission-page.ts";
import { type FormFields, formToIntake } from "#shared/web/intake-form.ts";
import { htmlResponse, page } from "#shared/web/layout.ts";
import { donePage } from "#shared/web/pages.ts";

const RECEIVED = "We received your updated answers; they will be assessed again.";

const deps = { repository: repositoryFromEnv(), resumer: resumingWorkflowFromEnv(), clock: systemClock };

export const handler = httpHandler(
  async (event: HttpEvent) => {
    const token = event.pathParameters?.token ?? "";
    const open = await resolveForDecision(deps, token, "resubmission");
    if (!open) return htmlResponse(200, page("Thank you", donePage("Thank you", RECEIVED)));
    const fields = (event.body ?? {}) as FormFields;
    const parsed = intakeSchema.safeParse(formToIntake(fields));
    if (!parsed.success) {
      return resubmissionResponse(400, token, open.decision.request ?? "", fields, fieldErrors(parsed.error));
    }
    const at = deps.clock.now().toISOString();
    // The new version is written before the link is spent; the old one stays in the ledger.
    await deps.repository.replaceIntake(open.partnership.id, parsed.data, open.partnership.intakeVersion, at);
    const resubmitted = await deps.repository.appendEvent({
      partnershipId: open.partnership.id,
      at,
      actor: "partner",
      step: "AwaitPartnerResubmission",
      type: "IntakeResubmitted",
      data: { intakeVersion: open.partnership.intakeVersion + 1, intake: parsed.data as unknown as Json },
    });
    // The decision's own event chains after this one.
    await closeAndResume(
      deps,
      { ...open, head: resubmitted },
      {
        outcome: "resubmitted",
        comment: "",
        actor: "partner",
      },
      { decisionId: open.decision.decisionId, intakeVersion: open.partnership.intakeVersion + 1 },
    );
    return htmlResponse(200, page("Thank you", donePage("Thank you", RECEIVED)));
  },
  { body: "form", respond: "html" },
);
