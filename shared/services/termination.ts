/**
 * The office lead's termination (issue 13), from the console: GET /console/partnerships/{id}/termination shows
 * the form (and changes nothing); its POST (same-origin, a form, the lead's session) terminates, or shows the form
 * again with what is wrong, changing nothing. The API's POST /api/partnerships/{id}/termination calls
 * endPartnership itself (functions/terminate-partnership).
 */
import { PartnershipNotFoundError } from "../domain/errors.ts";
import { isTerminal } from "../domain/lifecycle.ts";
import type { Partnership } from "../domain/partnership.ts";
import { terminationFormSchema } from "../schemas/ending.ts";
import { fieldErrors } from "../schemas/validation.ts";
import { terminationPath } from "../web/console-kit.ts";
import type { FormFields } from "../web/intake-form.ts";
import { htmlResponse, page } from "../web/layout.ts";
import { alreadyEndedPage, terminationPage } from "../web/leaving-pages.ts";
import type { Needs } from "./dependencies.ts";
import { type EndingDeps, endPartnership } from "./end-partnership.ts";

type Result = ReturnType<typeof htmlResponse>;

const TITLE = "Terminate the partnership";

async function partnershipOf(deps: Needs<"repository">, id: string): Promise<Partnership> {
  const partnership = await deps.repository.getPartnership(id);
  if (!partnership) throw new PartnershipNotFoundError(`No partnership ${id}`);
  return partnership;
}

/** GET: the form, or a page saying the partnership has ended. The page is a string, for signedInPage. */
export async function showTermination(deps: Needs<"repository" | "config">, id: string): Promise<string> {
  const p = await partnershipOf(deps, id);
  const back = `/console/partnerships/${id}`;
  if (isTerminal(p.stage)) return page(TITLE, alreadyEndedPage(p, back), deps.config.OFFICE_NAME);
  const form = { action: terminationPath(id), back, values: {}, errors: [] };
  return page(TITLE, terminationPage(p, form), deps.config.OFFICE_NAME);
}

/**
 * POST from the console: terminates, then sends the browser to the partnership's page (303). A missing reason
 * or an unticked box: the form again (400), nothing changed. Ended otherwise: 409 (terminated already: the 303,
 * so that a form sent twice lands where the first did).
 */
export async function terminateFromConsole(
  deps: EndingDeps,
  id: string,
  fields: FormFields,
  lead: { sub: string; email: string },
): Promise<Result> {
  const p = await partnershipOf(deps, id);
  const back = `/console/partnerships/${id}`;
  const parsed = terminationFormSchema.safeParse({ reason: fields.reason, confirm: fields.confirm });
  if (!parsed.success) {
    if (isTerminal(p.stage))
      return htmlResponse(409, page(TITLE, alreadyEndedPage(p, back), deps.config.OFFICE_NAME));
    const form = { action: terminationPath(id), back, values: fields, errors: fieldErrors(parsed.error) };
    return htmlResponse(400, page(TITLE, terminationPage(p, form), deps.config.OFFICE_NAME));
  }
  const result = await endPartnership(deps, {
    partnershipId: id,
    how: "terminated",
    reason: parsed.data.reason,
    lead,
  });
  if (!result.ok)
    return htmlResponse(
      409,
      page(TITLE, alreadyEndedPage({ ...p, stage: result.stage }, back), deps.config.OFFICE_NAME),
    );
  return { statusCode: 303, headers: { location: back, "cache-control": "no-store" }, body: "" };
}
