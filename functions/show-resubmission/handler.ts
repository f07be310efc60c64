/** GET /resubmit/{token} : the partner's answers, prefilled, to correct after a request for information. */
import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { resolveDecisionLink } from "#shared/services/decision-links.ts";
import { resubmissionResponse } from "#shared/services/resubmission-page.ts";
import { intakeToForm } from "#shared/web/intake-form.ts";

const deps = { repository: repositoryFromEnv(), clock: systemClock };

export const handler = httpHandler(
  async (event: HttpEvent) => {
    const token = event.pathParameters?.token ?? "";
    const open = await resolveDecisionLink(deps, token, "resubmission");
    return resubmissionResponse(
      200,
      token,
      open.decision.request ?? "",
      intakeToForm(open.partnership.intake),
    );
  },
  { body: "none", respond: "html" },
);
