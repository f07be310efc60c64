/**
 * The three handlers every human step shares, over a step registry: the task that opens a step, the GET that
 * shows its link's page, the POST that decides it. functions/ binds them to the registry; a test may bind
 * them to one that adds a step.
 */
import { appConfig } from "../adapters/from-env.ts";
import { mailerFromEnv } from "../adapters/mailer-from-env.ts";
import { repositoryFromEnv } from "../adapters/repository-from-env.ts";
import { resumingWorkflowFromEnv } from "../adapters/workflow-from-env.ts";
import { systemClock } from "../ports/clock.ts";
import { openStepEventSchema } from "../schemas/task-events.ts";
import type { LinkRequest } from "../services/decision-links.ts";
import { openStep } from "../services/open-step.ts";
import { decideStep, showStep } from "../services/step-pages.ts";
import type { StepRegistry } from "../steps/index.ts";
import type { ClientInfo } from "../steps/step.ts";
import type { FormFields } from "../web/intake-form.ts";
import { type HttpEvent, httpHandler } from "./http-handler.ts";
import { taskHandler } from "./task-handler.ts";

/** The link a request came by: its token, and its route's path without the token ("/decisions"). */
export function linkRequestOf(event: HttpEvent): LinkRequest {
  const path = event.routeKey.split(" ")[1] ?? "";
  return { token: event.pathParameters?.token ?? "", linkPath: path.replace(/\/\{token\}$/, "") };
}

/** Who sent the request, as API Gateway saw it: what a signature records. */
export function clientOf(event: HttpEvent): ClientInfo {
  const http = event.requestContext?.http;
  return { ip: http?.sourceIp ?? "", userAgent: http?.userAgent ?? event.headers?.["user-agent"] ?? "" };
}

/** The callback task of every human step: opens the step named in its input and emails the link. */
export function openStepHandler(registry: StepRegistry) {
  const deps = {
    repository: repositoryFromEnv(),
    mailer: mailerFromEnv(),
    config: appConfig(),
    clock: systemClock,
  };
  return taskHandler(openStepEventSchema, async (input) => ({ ...(await openStep(deps, registry, input)) }));
}

/** GET on any step's link: shows its page; decides nothing (mail scanners and link previews fetch links). */
export function showStepHandler(registry: StepRegistry) {
  const deps = { repository: repositoryFromEnv(), config: appConfig(), clock: systemClock };
  return httpHandler((event) => showStep(deps, registry, linkRequestOf(event)), {
    body: "none",
    respond: "html",
  });
}

/** POST on any step's link: one POST per link decides; then the workflow resumes. */
export function decideStepHandler(registry: StepRegistry) {
  const deps = {
    repository: repositoryFromEnv(),
    resumer: resumingWorkflowFromEnv(),
    mailer: mailerFromEnv(),
    config: appConfig(),
    clock: systemClock,
  };
  return httpHandler(
    (event) =>
      decideStep(deps, registry, linkRequestOf(event), (event.body ?? {}) as FormFields, clientOf(event)),
    { body: "form", respond: "html" },
  );
}
