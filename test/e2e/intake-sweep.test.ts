/**
 * Intakes whose request was killed, finished by the scheduled intake sweep: local runtime over HTTP. The kill
 * is a request run with a repository that throws right after a given write (as SIGKILL would stop it there);
 * a minute passing is the partnership's times moved a few minutes back.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESClient } from "@aws-sdk/client-ses";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { SesMailer } from "#shared/adapters/ses-mailer.ts";
import { newId } from "#shared/domain/ids.ts";
import type { PartnershipRepository } from "#shared/ports/partnership-repository.ts";
import type { Intake } from "#shared/schemas/intake.ts";
import { submitIntake } from "#shared/services/submit-intake.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey, linkIn } from "./harness.ts";

const SWEEP = "finish-stalled-intakes";
const ACKNOWLEDGEMENT = /We received the partnership intake/;
const NOTHING = { stalled: 0, acknowledged: 0, started: 0, busy: 0, failed: 0, deferred: 0 };
let journey: Journey;
let repository: DynamoDbPartnershipRepository;
let documents: ReturnType<typeof createDocumentClient>;

beforeAll(async () => {
  journey = await Journey.start();
  documents = createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb }));
  repository = new DynamoDbPartnershipRepository(documents, "partnerflow");
});
afterAll(async () => {
  await journey?.stop();
});

/** Sends the intake as submit-intake does, in a request killed right after `method`; the partnership's id. */
async function killedRequest(
  intake: Intake,
  key: string,
  method: keyof PartnershipRepository,
): Promise<string> {
  let id = "";
  const killed = new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        if (property === "createPartnership") id = (args[0] as { id: string }).id;
        const result = await value.apply(target, args);
        if (property === method) throw new Error("SIGKILL");
        return result;
      };
    },
  }) as PartnershipRepository;
  const mailer = new SesMailer(
    new SESClient({ endpoint: journey.runtime.urls.mail }),
    "partnerships@example.org",
  );
  const starter = {
    start: async () => {
      throw new Error("the request was killed before it got here");
    },
  };
  const config = {
    PUBLIC_BASE_URL: journey.runtime.urls.app,
    STATUS_LINK_TTL_DAYS: 365,
  } as Parameters<typeof submitIntake>[0]["config"];
  await expect(
    submitIntake(
      { repository: killed, mailer, starter, config, clock: { now: () => new Date() } },
      intake,
      key,
    ),
  ).rejects.toThrow("SIGKILL");
  return id;
}

/** Moves the partnership's times (and its claim on the acknowledgement) `ms` into the past. */
async function age(id: string, ms: number): Promise<void> {
  const partnership = await repository.getPartnership(id);
  const back = (iso: string | undefined) => iso && new Date(Date.parse(iso) - ms).toISOString();
  const updatedAt = back(partnership?.updatedAt) ?? "";
  const claimedAt = back(partnership?.acknowledgementClaimedAt);
  await documents.send(
    new UpdateCommand({
      TableName: "partnerflow",
      Key: { pk: `PARTNERSHIP#${id}`, sk: "META" },
      UpdateExpression: `SET updatedAt = :at, submittedAt = :at, gsi1sk = :sk${claimedAt ? ", acknowledgementClaimedAt = :claimed" : ""}`,
      ExpressionAttributeValues: {
        ":at": updatedAt,
        ":sk": `${updatedAt}#${id}`,
        ...(claimedAt ? { ":claimed": claimedAt } : {}),
      },
    }),
  );
}

const mailsTo = async (to: string, subject: RegExp) =>
  (await journey.mail()).filter((m) => m.to.includes(to) && subject.test(m.subject));
const executionOf = (id: string) =>
  `${journey.runtime.stateMachineArn.replace(":stateMachine:", ":execution:")}:${id}`;

describe("the intake sweep, scheduled", () => {
  it("runs every five minutes, as the template says", () => {
    expect(journey.runtime.scheduler.schedules).toContainEqual(
      expect.objectContaining({ functionName: SWEEP, everyMs: 5 * 60_000, input: {} }),
    );
  });

  it("sends the acknowledgement a killed request left claimed, which a retry within the minute did not, and starts the workflow, once", async () => {
    const intake = makeIntake({
      organisation: { name: "Killed Claim Cooperative" },
      contact: { ...makeIntake().contact, email: "killed-claim@example.org" },
    });
    const key = `kill-${newId()}`;
    const id = await killedRequest(intake, key, "claimAcknowledgement");

    // The partner sends it again at once: the claim is fresh, so this request sends nothing, and starts nothing.
    const retry = await journey.submitJson(intake, { "idempotency-key": key });
    expect(retry.status).toBe(202);
    expect(await retry.json()).toMatchObject({ partnershipId: id, created: false });
    expect(await mailsTo("killed-claim@example.org", ACKNOWLEDGEMENT)).toEqual([]);
    expect(() => journey.runtime.stepFunctions.describeExecution(executionOf(id))).toThrow();
    // Within the minute a request may take, the sweep leaves it alone.
    expect(await journey.runtime.scheduler.run(SWEEP)).toEqual(NOTHING);

    await age(id, 3 * 60_000);
    expect(await journey.runtime.scheduler.run(SWEEP)).toEqual({
      ...NOTHING,
      stalled: 1,
      acknowledged: 1,
      started: 1,
    });
    const mail = await journey.waitForMail(ACKNOWLEDGEMENT, "killed-claim@example.org");
    const status = await fetch(linkIn(mail, "/status"));
    expect(status.status).toBe(200);
    expect(await status.text()).toContain("Killed Claim Cooperative");
    await journey.runtime.stepFunctions.waitForState(executionOf(id), "AwaitOfficerDecision");
    await journey.waitForMail(/Decision needed: intake review for Killed Claim Cooperative/, ANY_OFFICER);

    // Once: the next run finds nothing, and no second acknowledgement was sent.
    expect(await journey.runtime.scheduler.run(SWEEP)).toEqual(NOTHING);
    expect(await mailsTo("killed-claim@example.org", ACKNOWLEDGEMENT)).toHaveLength(1);
  });

  it("starts the workflow of a request killed after the acknowledgement, before its 202, sending no second one", async () => {
    const intake = makeIntake({
      organisation: { name: "Killed Start Collective" },
      contact: { ...makeIntake().contact, email: "killed-start@example.org" },
    });
    const id = await killedRequest(intake, `kill-${newId()}`, "markOnce");
    await journey.waitForMail(ACKNOWLEDGEMENT, "killed-start@example.org");
    expect(await repository.getPartnership(id)).toMatchObject({ stage: "SUBMITTED" });

    await age(id, 3 * 60_000);
    expect(await journey.runtime.scheduler.run(SWEEP)).toEqual({ ...NOTHING, stalled: 1, started: 1 });
    await journey.runtime.stepFunctions.waitForState(executionOf(id), "AwaitOfficerDecision");
    expect(await journey.runtime.scheduler.run(SWEEP)).toEqual(NOTHING);
    expect(await mailsTo("killed-start@example.org", ACKNOWLEDGEMENT)).toHaveLength(1);
  });
});
