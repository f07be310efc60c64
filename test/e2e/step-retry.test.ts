/**
 * A task that fails after its state write, retried by the state machine's own Retry: SES throttles the
 * partner's "approved" email once, after the stage has moved. The retry still sends it, once, and the ledger
 * records the move once. Local runtime over HTTP; only the record-outcome task's mailer is wrapped.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LambdaHandler } from "#infra/local/lambda.ts";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { appConfig } from "#shared/adapters/from-env.ts";
import { mailerFromEnv } from "#shared/adapters/mailer-from-env.ts";
import { personalRepositoryFromEnv } from "#shared/adapters/personal-data-from-env.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import type { Mailer } from "#shared/ports/mailer.ts";
import { outcomeEventSchema } from "#shared/schemas/task-events.ts";
import { recordOutcome } from "#shared/services/workflow-steps.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey, linkIn } from "./harness.ts";

let journey: Journey;
let throttled = 0;

/** SES as it answers when the sending rate is exceeded, for the first "moves on to vetting" email only. */
function throttlingOnce(mailer: Mailer): Mailer {
  return {
    async send(message) {
      if (message.subject.includes("moves on to vetting") && throttled === 0) {
        throttled++;
        throw Object.assign(new Error("Maximum sending rate exceeded."), { name: "Throttling" });
      }
      await mailer.send(message);
    },
  };
}

let recordOutcomeHandler: LambdaHandler | undefined;
/** record-outcome as deployed, but for its mailer; built at its first call, when the runtime's endpoints are set. */
const flakyRecordOutcome: LambdaHandler = (event, context) => {
  recordOutcomeHandler ??= taskHandler(outcomeEventSchema, async (input) => {
    const deps = {
      repository: personalRepositoryFromEnv(),
      mailer: throttlingOnce(mailerFromEnv()),
      config: appConfig(),
      clock: { now: () => new Date() },
    };
    await recordOutcome(deps, input, "ApproveForVetting");
    return { partnershipId: input.partnershipId, outcome: input.outcome };
  }) as LambdaHandler;
  return recordOutcomeHandler(event, context);
};

beforeAll(async () => {
  journey = await Journey.start({ handlers: { "record-outcome": flakyRecordOutcome } });
});
afterAll(async () => {
  await journey?.stop();
});

describe("a task retried by the state machine after SES throttled it", () => {
  it("approve: the stage moves, SES refuses the partner's email, the Retry sends it once; one StageChanged", async () => {
    const org = "Throttled Tooling Works";
    const intake = makeIntake({ organisation: { name: org } });
    const response = await journey.submitJson(intake);
    const { partnershipId, statusUrl } = (await response.json()) as {
      partnershipId: string;
      statusUrl: string;
    };
    const request = await journey.waitForMail(/Decision needed/, ANY_OFFICER);
    const link = new URL(linkIn(request, "/decisions")).pathname;
    expect(
      (await journey.postForm(link, { noConflict: "yes", outcome: "approve", comment: "" })).status,
    ).toBe(200);

    await journey.waitForStage(statusUrl, "VETTING");
    const approved = await journey.waitForMail(/moves on to vetting/, intake.contact.email, 15_000);
    expect(approved.subject).toBe(`The ${org} partnership moves on to vetting`);
    expect(throttled).toBe(1);

    const repository = new DynamoDbPartnershipRepository(
      createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
      "partnerflow",
    );
    // The execution has ended when nothing is owed any more; then count what was sent and recorded.
    await expect.poll(async () => (await repository.getPartnership(partnershipId))?.pending).toBeUndefined();
    const mails = (await journey.mail()).filter((m) => /moves on to vetting/.test(m.subject));
    expect(mails).toHaveLength(1);
    const events = await repository.listEvents(partnershipId);
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    expect(events.filter((e) => e.type === "StageChanged").map((e) => e.data.to)).toEqual([
      "ASSESSING",
      "VETTING",
    ]);
  });
});
