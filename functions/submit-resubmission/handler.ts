/** POST /resubmit/{token} : the corrected intake. Validated, kept as a new version, then reassessed. */
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { resumingWorkflowFromEnv } from "#shared/adapters/workflow-from-env.ts";
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
    // Kept with the decision as the link is spent, then made the current version (the old one stays in the
    // ledger): a POST that loses the link to another writes nothing.
    const intakeVersion = open.partnership.intakeVersion + 1;
    await closeAndResume(
      deps,
      open,
      {
        outcome: "resubmitted",
        comment: "",
        actor: "partner",
        resubmission: { intakeVersion, intake: parsed.data },
      },
      { decisionId: open.decision.decisionId, intakeVersion },
    );
    return htmlResponse(200, page("Thank you", donePage("Thank you", RECEIVED)));
  },
  { body: "form", respond: "html" },
);
