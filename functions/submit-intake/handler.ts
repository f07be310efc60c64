/** POST /api/partnerships (JSON) and POST /intake (the form): accept an intake and start onboarding. */

import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { startingWorkflowFromEnv } from "#shared/adapters/workflow-from-env.ts";
import { type HttpEvent, httpHandler } from "#shared/http/http-handler.ts";
import { parseOr400 } from "#shared/http/parse.ts";
import { BadRequestError, ConflictError } from "#shared/http/problems.ts";
import { systemClock } from "#shared/ports/clock.ts";
import { intakeSchema } from "#shared/schemas/intake.ts";
import { fieldErrors } from "#shared/schemas/validation.ts";
import * as z from "#shared/schemas/zod.ts";
import { intakeFormResponse } from "#shared/services/intake-form-page.ts";
import { submitIntake } from "#shared/services/submit-intake.ts";
import { FORM_WIDE, type FormFields, formToIntake } from "#shared/web/intake-form.ts";
import { htmlResponse, page } from "#shared/web/layout.ts";
import { thanksPage } from "#shared/web/pages.ts";

const deps = {
  repository: personalRepositoryFromEnv(),
  mailer: mailerFromEnv(),
  starter: startingWorkflowFromEnv(),
  config: appConfig(),
  clock: systemClock,
};
const idempotencyKey = z.optional(
  z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, "8 to 128 letters, digits, - or _")),
);

const api = httpHandler(
  async (event: HttpEvent) => {
    const key = parseOr400(
      idempotencyKey,
      event.headers["idempotency-key"],
      "The Idempotency-Key header is not valid",
      "Idempotency-Key",
    );
    const intake = parseOr400(intakeSchema, event.body, "The intake has fields that are not valid");
    const result = await submitIntake(deps, intake, key);
    return {
      statusCode: 202,
      // No Location: the one place to follow the request is the status page, whose URL is a bearer link, and
      // headers reach proxy and client logs more often than bodies do.
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        partnershipId: result.partnershipId,
        statusUrl: result.statusUrl,
        created: result.created,
      }),
    };
  },
  { body: "json", respond: "json" },
);

const form = httpHandler(
  async (event: HttpEvent) => {
    const fields = (event.body ?? {}) as FormFields;
    const parsed = intakeSchema.safeParse(formToIntake(fields));
    if (!parsed.success) {
      return intakeFormResponse(400, fields, fieldErrors(parsed.error));
    }
    const key = idempotencyKey.safeParse(fields.idempotencyKey);
    if (!key.success) throw new BadRequestError("The form is missing its submission key; reload the form.");
    let result: Awaited<ReturnType<typeof submitIntake>>;
    try {
      result = await submitIntake(deps, parsed.data, key.data);
    } catch (error) {
      // Sent before with other answers (Back after sending, then edited): the form again, with a new key, so
      // that sending it once more makes these answers a new intake if that is what the partner wants.
      if (!(error instanceof ConflictError)) throw error;
      const { idempotencyKey: _used, ...values } = fields;
      return intakeFormResponse(409, values, [
        {
          field: FORM_WIDE,
          message:
            "This form was already sent, with other answers. To send these answers as a new intake, send the form again.",
        },
      ]);
    }
    return htmlResponse(
      202,
      page("Thank you", thanksPage(parsed.data.organisation.name, result.statusUrl, result.created)),
    );
  },
  { body: "form", respond: "html" },
);

export const handler = (event: HttpEvent, context: Parameters<typeof api>[1]) =>
  event.routeKey === "POST /" ? form(event, context) : api(event, context);
