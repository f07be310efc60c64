/** POST /decisions/{token} : the officer's decision. One POST per link wins; then the workflow resumes. */

import { repositoryFromEnv } from "#shared/adapters/repository-from-env.ts";
import { resumingWorkflowFromEnv } from "#shared/adapters/workflow-from-env.ts";
import { OFFICER_OUTCOMES } from "#shared/domain/partnership.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { freeText } from "#shared/schemas/free-text.ts";
import * as z from "#shared/schemas/zod.ts";
import { closeAndResume, resolveForDecision } from "#shared/services/decide.ts";
import { htmlResponse, page } from "#shared/web/layout.ts";
import { donePage } from "#shared/web/pages.ts";

const deps = { repository: repositoryFromEnv(), resumer: resumingWorkflowFromEnv(), clock: systemClock };

const decisionSchema = z
  .object({
    outcome: z.enum(OFFICER_OUTCOMES),
    // Blank (or only spaces) is no comment: the refinement below asks for one where it is needed.
    comment: z._default(freeText(0, 2000), ""),
  })
  .check(
    z.refine((d) => d.outcome === "approve" || d.comment.length > 0, {
      path: ["comment"],
      message: "Say what information is needed, or why the intake is declined",
    }),
  );

const FINISHED =
  "Your decision had already been recorded, but the workflow had not moved on; it has now. Nothing else changed.";

const DONE: Record<string, string> = {
  approve: "Approved. The partner has been told and vetting starts.",
  "request-info":
    "The partner has been asked for more information. You will get a new link when they resubmit.",
  decline: "Declined. The partner has been told, with your reason.",
};

export const handler = httpHandler(
  async (event: HttpEvent) => {
    const token = event.pathParameters?.token ?? "";
    const open = await resolveForDecision(deps, token, "intake-review");
    if (!open) return htmlResponse(200, page("Decision recorded", donePage("Decision recorded", FINISHED)));
    const decision = parseOr400(decisionSchema, event.body, "The decision is not complete");
    await closeAndResume(
      deps,
      open,
      {
        outcome: decision.outcome,
        comment: decision.comment,
        actor: `officer:${open.decision.assignee}`,
      },
      { outcome: decision.outcome, comment: decision.comment, decisionId: open.decision.decisionId },
    );
    return htmlResponse(
      200,
      page("Decision recorded", donePage("Decision recorded", DONE[decision.outcome] ?? "")),
    );
  },
  { body: "form", respond: "html" },
);
