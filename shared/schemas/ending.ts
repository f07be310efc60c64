/**
 * What ending a partnership takes (issue 13): a reason, and on a page a deliberate confirmation. The partner's
 * withdrawal form, the lead's termination form, and the termination API's JSON.
 */
import { freeText, REQUIRED } from "./free-text.ts";
import * as z from "./zod.ts";

/** A reason: required, up to 2,000 characters. */
const reason = freeText(1, 2000);

/** The ticked box a page asks for: a form posts `yes`, or nothing when it is not ticked. */
const confirmed = z.literal("yes", { error: "Tick the box to confirm" });

/** The partner's withdrawal form (POST /status/{token}/withdraw). */
export const withdrawalFormSchema = z.object({ reason, confirm: confirmed });

/** The lead's termination form (POST /console/partnerships/{id}/termination). */
export const terminationFormSchema = z.object({ reason, confirm: confirmed });

/** The termination API's body (POST /api/partnerships/{id}/termination): `{ "reason": "…" }`. */
export const terminationBodySchema = z.strictObject({ reason });

export { REQUIRED };
