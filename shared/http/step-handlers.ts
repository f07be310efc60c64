/**
 * The three handlers every human step shares, over a step registry: the task that opens a step, the GET that
 * shows its link's page, the POST that decides it (built twice: without files, decide-step; with them, for the
 * steps that take uploads, decide-upload-step, given the parser, the inspection and the store by its caller, so
 * that only its bundle carries them). functions/ binds them to the registry; a test may bind them to one that
 * adds a step.
 */
import type middy from "@middy/core";
import { appConfig } from "../adapters/from-env.ts";
import { mailerFromEnv } from "../adapters/mailer-from-env.ts";
import { linkVaultFromEnv, personalRepositoryFromEnv } from "../adapters/personal-data-from-env.ts";
import { resumingWorkflowFromEnv } from "../adapters/workflow-from-env.ts";
import { hasAnyRole, principalOf } from "../domain/staff.ts";
import { systemClock } from "../ports/clock.ts";
import type { EvidenceWriter } from "../ports/evidence-store.ts";
import { openStepEventSchema } from "../schemas/task-events.ts";
import type { LinkRequest } from "../services/decision-links.ts";
import { openStep } from "../services/open-step.ts";
import { decideStep, showStep } from "../services/step-pages.ts";
import type { StepUploads } from "../services/step-uploads.ts";
import type { StepRegistry } from "../steps/registry.ts";
import type { ClientInfo } from "../steps/step.ts";
import type { FormFields } from "../web/intake-form.ts";
import { type HttpEvent, httpHandler } from "./http-handler.ts";
import { splitMultipart } from "./multipart.ts";
import { claimsOf } from "./staff-auth.ts";
import { taskHandler } from "./task-handler.ts";

/**
 * The link a request came by: its token, its route's path without the token ("/decisions"), and the officer or
 * lead signed in, if the request came with their session (shared/http/staff-session.ts): an auditor's session is
 * none here (auditors never decide; their POSTs are refused before any handler).
 */
export function linkRequestOf(event: HttpEvent): LinkRequest {
  const path = event.routeKey.split(" ")[1] ?? "";
  const principal = principalOf(claimsOf(event));
  const staff = principal && hasAnyRole(principal, ["officer", "lead"]) ? principal : undefined;
  return {
    token: event.pathParameters?.token ?? "",
    linkPath: path.replace(/\/\{token\}$/, ""),
    ...(staff
      ? { signedInAs: { sub: staff.sub, email: staff.email }, lead: hasAnyRole(staff, ["lead"]) }
      : {}),
  };
}

/** Who sent the request, as API Gateway saw it: what a signature records. */
export function clientOf(event: HttpEvent): ClientInfo {
  const http = event.requestContext?.http;
  return { ip: http?.sourceIp ?? "", userAgent: http?.userAgent ?? event.headers?.["user-agent"] ?? "" };
}

/** The callback task of every human step: opens the step named in its input and emails the link. */
export function openStepHandler(registry: StepRegistry) {
  const deps = {
    repository: personalRepositoryFromEnv(),
    mailer: mailerFromEnv(),
    config: appConfig(),
    clock: systemClock,
    linkVault: linkVaultFromEnv(),
  };
  return taskHandler(openStepEventSchema, async (input) => ({ ...(await openStep(deps, registry, input)) }));
}

/** GET on any step's link: shows its page; decides nothing (mail scanners and link previews fetch links). */
export function showStepHandler(registry: StepRegistry) {
  const deps = { repository: personalRepositoryFromEnv(), config: appConfig(), clock: systemClock };
  return httpHandler((event) => showStep(deps, registry, linkRequestOf(event)), {
    body: "none",
    respond: "html",
  });
}

/** What the function that takes files gives the POST handler: the multipart parser, the inspection, the store. */
export interface UploadSupport {
  /** shared/http/multipart-parser.ts multipartParser. */
  readonly multipartParser: () => middy.MiddlewareObj<HttpEvent>;
  /** shared/domain/documents.ts inspectUpload. */
  readonly inspect: StepUploads["inspect"];
  readonly store: EvidenceWriter;
}

/**
 * POST on any step's link: one POST per link decides; then the workflow resumes. With `uploads`, it takes
 * multipart forms (and urlencoded ones), and the files of the fields the step's page takes.
 */
export function decideStepHandler(registry: StepRegistry, uploads?: UploadSupport) {
  const deps = {
    repository: personalRepositoryFromEnv(),
    resumer: resumingWorkflowFromEnv(),
    mailer: mailerFromEnv(),
    config: appConfig(),
    clock: systemClock,
  };
  if (!uploads)
    return httpHandler(
      (event) =>
        decideStep(deps, registry, linkRequestOf(event), (event.body ?? {}) as FormFields, clientOf(event)),
      { body: "form", respond: "html" },
    );
  return httpHandler(
    (event) => {
      const { fields, files } = splitMultipart(event.body);
      return decideStep(deps, registry, linkRequestOf(event), fields, clientOf(event), {
        files,
        inspect: uploads.inspect,
        store: uploads.store,
      });
    },
    { body: "multipart", respond: "html", multipartParser: uploads.multipartParser },
  );
}
