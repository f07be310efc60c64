/**
 * POST /status/{token}/withdraw : the partner withdraws from the partnership, from its status page (a form,
 * same-origin; the status link is its credential). 303 to the status page once withdrawn (a POST sent again
 * lands there too, changing nothing); the form again (400) when the reason or the confirmation is missing; 409
 * when the partnership ended otherwise. The form's GET is show-status's (read-only).
 */
import { endingDepsFromEnv } from "#shared/adapters/ending-from-env.ts";
import { httpHandler } from "#shared/http/http-handler.ts";
import { withdraw } from "#shared/services/withdrawal.ts";
import type { FormFields } from "#shared/web/intake-form.ts";

const deps = endingDepsFromEnv();

export const handler = httpHandler(
  (event) => withdraw(deps, event.pathParameters?.token ?? "", (event.body ?? {}) as FormFields),
  { body: "form", respond: "html" },
);
