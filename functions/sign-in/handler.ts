/** POST /sign-in: a staff token exchanged for the session cookie (locally); POST /sign-out: the session ended. */
import { signInDepsFromEnv } from "#shared/adapters/sign-in-from-env.ts";
import { httpHandler } from "#shared/http/http-handler.ts";
import { exchangeStaffToken, signOut } from "#shared/services/staff-sign-in.ts";
import { firstValue } from "#shared/web/form-kit.ts";
import type { FormFields } from "#shared/web/intake-form.ts";

export const handler = httpHandler(
  async (event) => {
    const deps = signInDepsFromEnv();
    if (event.routeKey.endsWith("/sign-out")) return signOut(deps);
    const fields = (event.body ?? {}) as FormFields;
    return exchangeStaffToken(deps, { token: firstValue(fields.token), next: firstValue(fields.next) });
  },
  { body: "form", respond: "html", auditorsMayPost: true },
);
