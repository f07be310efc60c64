/**
 * The journey again, but through the Lambda bundles rather than the TypeScript sources: every function bundled
 * as CDK bundles it (infra/lambda-bundling.ts: the AWS SDK inlined, its credential chain replaced by the
 * environment-only provider, event streams left out), so that the SDK calls of the shipped code are exercised.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_FUNCTIONS } from "#infra/function-catalog.ts";
import { BUNDLING_ROOT, esbuildOptions } from "#infra/lambda-bundling.ts";
import type { LambdaHandler } from "#infra/local/lambda.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey, linkIn } from "./harness.ts";

const OFFICER = ANY_OFFICER;
const outDir = mkdtempSync(join(tmpdir(), "partnerflow-bundles-"));
let journey: Journey;

beforeAll(async () => {
  const handlers: Record<string, LambdaHandler> = {};
  for (const { name } of ALL_FUNCTIONS) {
    const outfile = join(outDir, name, "index.mjs");
    await build({
      ...esbuildOptions(join(BUNDLING_ROOT, "functions", name, "handler.ts"), outfile),
      logLevel: "silent",
    });
    // Imported on first use, as Lambda would: after the runtime has set the endpoints and credentials.
    let loaded: Promise<LambdaHandler> | undefined;
    handlers[name] = async (event, context) => {
      loaded ??= import(pathToFileURL(outfile).href).then((m: { handler: LambdaHandler }) => m.handler);
      return (await loaded)(event, context);
    };
  }
  journey = await Journey.start({ handlers });
}, 60_000);
afterAll(async () => {
  await journey?.stop();
  rmSync(outDir, { recursive: true, force: true });
});

describe("the bundled functions", () => {
  it("take an intake through DynamoDB, SES and Step Functions to an approval", async () => {
    const intake = makeIntake({ organisation: { name: "Bundled Bicycles Ltd" } });
    const response = await journey.submitJson(intake);
    expect(response.status).toBe(202);
    const { statusUrl } = (await response.json()) as { statusUrl: string };
    await journey.waitForMail(/We received the partnership intake/, intake.contact.email);

    const mail = await journey.waitForMail(
      /Decision needed: intake review for Bundled Bicycles Ltd/,
      OFFICER,
    );
    const link = new URL(linkIn(mail, "/decisions")).pathname;
    expect(
      (await journey.postForm(link, { noConflict: "yes", outcome: "approve", comment: "" })).status,
    ).toBe(200);
    await journey.waitForStage(statusUrl, "VETTING");
    await journey.waitForMail(/moves on to vetting/, intake.contact.email);
  });

  it("answer bad input with the same 400 field list", async () => {
    const response = await journey.submitJson({ ...makeIntake(), audiences: [] });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual([{ field: "audiences", message: "Required" }]);
  });
});
