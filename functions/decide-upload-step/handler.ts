/**
 * POST on the link of a human step that takes files (the partner's vetting checklist): each file is inspected
 * (PDF, PNG or JPEG by its content, at most 4 MB) and stored by its SHA-256 with the answer that records it;
 * then as decide-step. Apart from decide-step so that only this bundle carries busboy, file-type and S3.
 */
import { evidenceWriterFromEnv } from "#shared/adapters/evidence-store-from-env.ts";
import { inspectUpload } from "#shared/domain/documents.ts";
import { multipartParser } from "#shared/http/multipart-parser.ts";
import { decideStepHandler } from "#shared/http/step-handlers.ts";
import { VETTING_STEPS } from "#shared/steps/vetting-steps.ts";

export const handler = decideStepHandler(VETTING_STEPS, {
  multipartParser,
  inspect: inspectUpload,
  store: evidenceWriterFromEnv(),
});
