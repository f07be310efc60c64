/**
 * An amendment declined, over HTTP through the local runtime: intake → ACTIVE → a review started now → the
 * partner's self-assessment → an officer amends → the terms' officer declines the new terms (confirmed) → ACTIVE
 * again on version 1 (not DECLINED), the lead and the partner told, the review's execution ended, the next review
 * scheduled.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { addMonths, todayIn } from "#shared/domain/calendar-dates.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { reviewExecutionName } from "#shared/domain/review.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, type CaughtMail, Journey } from "./harness.ts";
import { executionEnd, pathOf, signedToActive, TERMS, toSigning } from "./onboarding-steps.ts";

const LEAD = "lead@example.org";
let journey: Journey;
let repository: DynamoDbPartnershipRepository;
let officerToken = "";

beforeAll(async () => {
  journey = await Journey.start();
  repository = new DynamoDbPartnershipRepository(
    createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
    "partnerflow",
  );
  officerToken = journey.runtime.staff.seed().find((t) => t.role === "officer")?.token ?? "";
});
afterAll(async () => {
  await journey?.stop();
});

/** The newest mail of a subject to an address, once there are `count` of them (the catcher keeps them all). */
async function nth(subject: RegExp, to: string | RegExp, count: number): Promise<CaughtMail> {
  const addressed = (m: CaughtMail) =>
    typeof to === "string" ? m.to.includes(to) : m.to.some((a) => to.test(a));
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const sent = (await journey.mail()).filter((m) => subject.test(m.subject) && addressed(m));
    if (sent.length >= count) return sent.at(-1) as CaughtMail;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`No mail number ${count} matching ${subject}`);
}

describe("an amendment declined, end to end", () => {
  it("the terms' officer declines the new terms: ACTIVE again on version 1, the lead and the partner told", async () => {
    const intake = makeIntake({ organisation: { name: "Harbourfront Amendment Guild" } });
    const name = intake.organisation.name;
    const contact = intake.contact.email;
    const { partnershipId: id, statusUrl, sign } = await toSigning(journey, intake);
    expect(await signedToActive(journey, intake, sign, id)).toBe("SUCCEEDED");
    await journey.waitForStage(statusUrl, "ACTIVE");

    const started = await journey.fetch(`/api/partnerships/${id}/reviews`, {
      method: "POST",
      headers: { authorization: `Bearer ${officerToken}` },
    });
    expect(started.status).toBe(202);
    const { round } = (await started.json()) as { round: string };
    const asked = await journey.waitForMail(new RegExp(`Time to review the ${name} partnership`), contact);
    const assessed = await journey.postForm(pathOf(asked, "/review"), {
      action: "send",
      "o0.rating": "partly",
      "o0.evidence": "Four students placed.",
      "o0.change": "A second supervisor",
    });
    expect(assessed.status).toBe(200);
    const evaluation = await journey.waitForMail(new RegExp(`periodic review of ${name}`), ANY_OFFICER);
    const amended = await journey.postForm(pathOf(evaluation, "/review-evaluation"), {
      outcome: "amend",
      comment: "Add a second supervisor",
      noConflict: "yes",
    });
    expect(amended.status).toBe(200);
    await journey.waitForStage(statusUrl, "SIGNING");

    // The amendment's terms (the second such email): declined, which asks for a confirmation saying what it does.
    const terms = pathOf(
      await nth(new RegExp(`the agreement's terms for ${name}`), ANY_OFFICER, 2),
      "/agreement",
    );
    const decline = {
      ...TERMS,
      outcome: "decline",
      comment: "The partner will not take on a second supervisor.",
    };
    const confirm = await journey.postForm(terms, { ...decline, noConflict: "yes" });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain("This declines the amendment");
    const done = await journey.postForm(terms, { ...decline, noConflict: "yes", confirm: "yes" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("The amendment is declined");

    const active = await journey.waitForStage(statusUrl, "ACTIVE");
    expect(active).toContain("; then declined — the agreement in force stays");
    const toLead = await journey.waitForMail(new RegExp(`^Amendment declined: ${name}`), LEAD);
    expect(toLead.text).toContain("version 1");
    await journey.waitForMail(new RegExp(`The ${name} partnership agreement is not amended`), contact);
    const reviews = journey.runtime.model.stateMachines.find((m) => m.logicalId.startsWith("Review"));
    expect(await executionEnd(journey, reviews?.arn ?? "", reviewExecutionName(id, round))).toBe("SUCCEEDED");

    const ledger = await repository.listEvents(id);
    expect(verifyLedger(ledger)).toMatchObject({ ok: true });
    expect(ledger.filter((e) => e.type === "AmendmentDeclined").map((e) => e.data)).toEqual([
      { round, versionInForce: 1, reason: "The partner will not take on a second supervisor." },
    ]);
    expect(ledger.filter((e) => e.type === "AgreementIssued")).toHaveLength(1);
    expect((await repository.getPartnership(id))?.stage).toBe("ACTIVE");
    // The next review: at the cadence from today (the one that began this round was cancelled when it started).
    const set = ledger.findLast((e) => e.type === "ScheduleSet" && e.data.kind === "review");
    expect(set?.data.dueOn).toBe(addMonths(todayIn(new Date(), "America/Toronto"), 12));
  }, 90_000);
});
