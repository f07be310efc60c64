/**
 * The partner's withdrawal, from its status page (issue 13): GET /status/{token}/withdraw shows the form and
 * changes nothing; its POST (same-origin, a form) withdraws once, or shows the form again with what is wrong,
 * changing nothing. The status link is no decision's link: it is not used up, so a POST sent again is made
 * harmless by the ending itself (the partnership is withdrawn already: the status page says so).
 */
import { PartnershipNotFoundError } from "../domain/errors.ts";
import { isTerminal } from "../domain/lifecycle.ts";
import { assertLinkUsable } from "../domain/link-tokens.ts";
import type { Partnership } from "../domain/partnership.ts";
import { withdrawalFormSchema } from "../schemas/ending.ts";
import { fieldErrors } from "../schemas/validation.ts";
import type { FormFields } from "../web/intake-form.ts";
import { htmlResponse, page } from "../web/layout.ts";
import { alreadyEndedPage, withdrawalPage } from "../web/leaving-pages.ts";
import { findLink } from "./decision-links.ts";
import type { Needs } from "./dependencies.ts";
import { type EndingDeps, endPartnership } from "./end-partnership.ts";

type Result = ReturnType<typeof htmlResponse>;

const TITLE = "Withdraw from the partnership";

/** The partnership a status link opens, if the link works (a named link error otherwise). */
async function partnershipOf(deps: Needs<"repository" | "clock">, token: string): Promise<Partnership> {
  const link = await findLink(deps, token, "status");
  assertLinkUsable(link, deps.clock.now());
  const partnership = await deps.repository.getPartnership(link.partnershipId);
  if (!partnership) throw new PartnershipNotFoundError(link.partnershipId);
  return partnership;
}

/** GET: the form, or a page saying the partnership has ended. */
export async function showWithdrawal(
  deps: Needs<"repository" | "clock" | "config">,
  token: string,
): Promise<Result> {
  const p = await partnershipOf(deps, token);
  const back = `/status/${token}`;
  if (isTerminal(p.stage))
    return htmlResponse(200, page(TITLE, alreadyEndedPage(p, back), deps.config.OFFICE_NAME));
  const form = { action: `${back}/withdraw`, back, values: {}, errors: [] };
  return htmlResponse(200, page(TITLE, withdrawalPage(p, form), deps.config.OFFICE_NAME));
}

/**
 * POST: withdraws, then sends the browser to the status page (303), which says so. A missing reason or an
 * unticked box: the form again (400), nothing changed. Ended otherwise (declined, expired, terminated): 409.
 */
export async function withdraw(deps: EndingDeps, token: string, fields: FormFields): Promise<Result> {
  const p = await partnershipOf(deps, token);
  const back = `/status/${token}`;
  const parsed = withdrawalFormSchema.safeParse({ reason: fields.reason, confirm: fields.confirm });
  if (!parsed.success) {
    if (isTerminal(p.stage)) return ended(deps, p, back);
    const form = { action: `${back}/withdraw`, back, values: fields, errors: fieldErrors(parsed.error) };
    return htmlResponse(400, page(TITLE, withdrawalPage(p, form), deps.config.OFFICE_NAME));
  }
  const result = await endPartnership(deps, {
    partnershipId: p.id,
    how: "withdrawn",
    reason: parsed.data.reason,
  });
  if (!result.ok) return ended(deps, { ...p, stage: result.stage }, back);
  return { statusCode: 303, headers: { location: back, "cache-control": "no-store" }, body: "" };
}

function ended(
  deps: Needs<"config">,
  p: Pick<Partnership, "organisationName" | "stage">,
  back: string,
): Result {
  return htmlResponse(409, page(TITLE, alreadyEndedPage(p, back), deps.config.OFFICE_NAME));
}
