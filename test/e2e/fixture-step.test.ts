/**
 * Adding a human step is adding a folder: a step defined only in test/fixtures/steps/trivial-check runs
 * through the local engine with the generic handlers — opened, emailed, shown, decided, and the workflow
 * resumes — with no other file naming it.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "#infra/build-app.ts";
import type { LambdaHandler } from "#infra/local/lambda.ts";
import { STACK_NAMES } from "#infra/local/synth.ts";
import type { StackTemplates } from "#infra/local/template.ts";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { decideStepHandler, openStepHandler, showStepHandler } from "#shared/http/step-handlers.ts";
import { STEPS, type StepRegistry } from "#shared/steps/index.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { trivialCheck } from "../fixtures/steps/trivial-check/index.ts";
import { trivialWorkflow } from "../fixtures/steps/trivial-check/workflow.ts";
import { ANY_OFFICER, Journey, linkIn } from "./harness.ts";

const registry: StepRegistry = { ...STEPS, [trivialCheck.kind]: trivialCheck };
const OFFICER = ANY_OFFICER;

/** Built at the first call: the handlers read the runtime's environment, which it sets as it starts. */
function lazy(make: () => LambdaHandler): LambdaHandler {
  let handler: LambdaHandler | undefined;
  return (event, context) => {
    handler ??= make();
    return handler(event, context);
  };
}

let journey: Journey;

beforeAll(async () => {
  const assembly = buildApp({ bundle: false, steps: registry, definition: trivialWorkflow }).app.synth();
  const templates = Object.fromEntries(
    STACK_NAMES.map((name) => [name, assembly.getStackByName(name).template]),
  ) as StackTemplates;
  journey = await Journey.start({
    templates,
    handlers: {
      "open-step": lazy(() => openStepHandler(registry)),
      "show-step": lazy(() => showStepHandler(registry)),
      "decide-step": lazy(() => decideStepHandler(registry)),
    },
  });
});
afterAll(async () => {
  await journey?.stop();
});

describe("a step added as a folder, run by the generic handlers", () => {
  it("is opened and emailed, shown by GET, decided once by POST, and the workflow resumes", async () => {
    const intake = makeIntake({ organisation: { name: "Folder Step Supplies" } });
    const submitted = await journey.submitJson(intake);
    expect(submitted.status).toBe(202);
    const { partnershipId } = (await submitted.json()) as { partnershipId: string };

    const mail = await journey.waitForMail(/Please note the intake of Folder Step Supplies/, OFFICER);
    const link = new URL(linkIn(mail, "/trivial-checks")).pathname;
    const shown = await journey.fetch(link);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain("<h1>Note: Folder Step Supplies</h1>");
    // Its link opens under its own path only.
    expect((await journey.fetch(link.replace("/trivial-checks/", "/decisions/"))).status).toBe(404);

    const empty = await journey.postForm(link, { outcome: "noted", note: "" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('<a href="#f-note">Your note</a>: Required');

    const decided = await journey.postForm(link, {
      outcome: "noted",
      note: "Seen, all in order.",
      noConflict: "yes",
    });
    expect(decided.status).toBe(200);
    expect(await decided.text()).toContain("Noted, thank you.");

    const arn = `${journey.runtime.stateMachineArn.replace(":stateMachine:", ":execution:")}:${partnershipId}`;
    await expect
      .poll(async () => (await journey.runtime.stepFunctions.describeExecution(arn)).status, {
        timeout: 10_000,
      })
      .toBe("SUCCEEDED");

    const repository = new DynamoDbPartnershipRepository(
      createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
      "partnerflow",
    );
    const events = await repository.listEvents(partnershipId);
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    // Its email is recorded too (EmailSent, by the step's kind), as every step's is, with nothing added for it.
    expect(events.map((e) => [e.type, e.step, e.data.kind ?? e.data.template])).toEqual([
      ["IntakeSubmitted", undefined, undefined],
      ["EmailSent", undefined, "acknowledgement"],
      ["StepRequested", "AwaitTrivialCheck", "trivial-check"],
      ["EmailSent", "AwaitTrivialCheck", "trivial-check"],
      ["StepDecided", "AwaitTrivialCheck", "trivial-check"],
    ]);
    expect(events[4]?.data).toMatchObject({ outcome: "noted", comment: "Seen, all in order." });
    // Used: the link says so.
    const again = await journey.fetch(link);
    expect(await again.text()).toContain("It was noted.");
  });
});
