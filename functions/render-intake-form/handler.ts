/** GET / : the intake form (works without JavaScript). */
import { httpHandler } from "#shared/http/http-handler.ts";
import { intakeFormResponse } from "#shared/services/intake-form-page.ts";

export const handler = httpHandler(async () => intakeFormResponse(200), { body: "none", respond: "html" });
