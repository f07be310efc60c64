/**
 * Step Functions is down when the officer decides: the POST closes the decision, cannot resume the workflow
 * and says so (500, "try again"). Nobody tries again; the scheduled sweep finishes it. Local runtime over
 * HTTP; the fault is the local Step Functions endpoint answering 500 to SendTaskSuccess while it is "down".
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey, linkIn } from "./harness.ts";

const SWEEP = "resume-stalled-decisions";
let journey: Journey;
let down = false;

beforeAll(async () => {
  journey = await Journey.start();
  const engine = journey.runtime.stepFunctions;
  const sendTaskSuccess = engine.sendTaskSuccess.bind(engine);
  engine.sendTaskSuccess = (token, output) =>
    down ? Promise.reject(new Error("service unavailable")) : sendTaskSuccess(token, output);
});
afterAll(async () => {
  await journey?.stop();
});

describe("a decision whose resume failed, finished by the scheduled sweep", () => {
  it("runs every five minutes, as the template says", () => {
    expect(journey.runtime.scheduler.schedules).toContainEqual(
      expect.objectContaining({ functionName: SWEEP, everyMs: 5 * 60_000, input: {} }),
    );
  });

  it("approve while Step Functions is down: 500, then the sweep moves the partnership on, once", async () => {
    const org = "Unreachable Engines Ltd";
    const intake = makeIntake({ organisation: { name: org } });
    const { partnershipId, statusUrl } = (await (await journey.submitJson(intake)).json()) as {
      partnershipId: string;
      statusUrl: string;
    };
    const request = await journey.waitForMail(/Decision needed/, ANY_OFFICER);
    const link = new URL(linkIn(request, "/decisions")).pathname;

    down = true;
    const failed = await journey.postForm(link, { noConflict: "yes", outcome: "approve", comment: "" });
    down = false;
    expect(failed.status).toBe(500);
    expect(await failed.text()).toContain("try again");
    expect(await (await fetch(statusUrl)).text()).toContain('data-stage="ASSESSING"');

    expect(await journey.runtime.scheduler.run(SWEEP)).toEqual({
      overdue: 1,
      resumed: 1,
      windowClosed: 0,
      failed: 0,
      deferred: 0,
    });
    await journey.waitForStage(statusUrl, "VETTING");
    await journey.waitForMail(/moves on to vetting/, intake.contact.email);
    await journey.waitForMail(/Vetting checklist for the/, intake.contact.email);

    const repository = new DynamoDbPartnershipRepository(
      createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
      "partnerflow",
    );
    const record = await repository.getPartnershipRecord(partnershipId);
    expect(verifyLedger(record?.events ?? [])).toMatchObject({ ok: true });
    expect(record?.events.filter((e) => e.type === "OfficerDecided")).toHaveLength(1);
    // The officer's decision, resumed by the sweep; then the vetting checklist it led to, open.
    expect(record?.decisions.find((d) => d.kind === "intake-review")).toEqual(
      expect.objectContaining({
        status: "decided",
        resumeFailedAt: expect.any(String),
        resumedAt: expect.any(String),
      }),
    );
    expect(record?.decisions.map((d) => [d.kind, d.status]).sort()).toEqual([
      ["intake-review", "decided"],
      ["vetting-evidence", "open"],
    ]);
    // Nothing left for the next run; the officer's link is used.
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ overdue: 0, resumed: 0 });
    expect(
      (await journey.postForm(link, { noConflict: "yes", outcome: "approve", comment: "" })).status,
    ).toBe(410);
  });
});
