/**
 * The periodic review over HTTP through the local runtime: intake → ACTIVE (the next review scheduled, recorded
 * once) → an officer starts a review now (the API) → the partner's self-assessment (a field error, a save, then
 * sent) → an officer renews → ACTIVE, the next review scheduled; then the clock moves past that day and the
 * runtime's review scheduler starts the scheduled review, once.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { addMonths, calendarDateWords, todayIn } from "#shared/domain/calendar-dates.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { reviewExecutionName } from "#shared/domain/review.ts";
import { CLOCK_OFFSET_ENV } from "#shared/ports/clock.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, type CaughtMail, Journey } from "./harness.ts";
import { executionEnd, pathOf, signedToActive, toSigning } from "./onboarding-steps.ts";

let journey: Journey;
let repository: DynamoDbPartnershipRepository;
let tokens: Record<string, string>;

beforeAll(async () => {
  journey = await Journey.start();
  repository = new DynamoDbPartnershipRepository(
    createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
    "partnerflow",
  );
  tokens = Object.fromEntries(journey.runtime.staff.seed().map((t) => [t.role, t.token]));
});
afterAll(async () => {
  delete process.env[CLOCK_OFFSET_ENV];
  await journey?.stop();
});

/** The review's schedules (the vetting's, for its evidence's expiry, aside). */
const reviewSchedules = async () =>
  (await repository.listDueSchedules("2099-12-31", 10)).filter((s) => s.kind === "review");

const startNow = (id: string, role = "officer") =>
  journey.fetch(`/api/partnerships/${id}/reviews`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokens[role]}` },
  });

describe("the periodic review, end to end", () => {
  it("started now, self-assessed and renewed: back to ACTIVE, the next review scheduled, then fired on its day", async () => {
    const intake = makeIntake({ organisation: { name: "Riverside Review Works" } });
    const name = intake.organisation.name;
    const contact = intake.contact.email;
    const { partnershipId: id, statusUrl, sign } = await toSigning(journey, intake);
    expect(await signedToActive(journey, intake, sign, id)).toBe("SUCCEEDED");
    await journey.waitForStage(statusUrl, "ACTIVE");

    // Activation scheduled the review a cadence (the agreement's: 12 months) after today, and recorded it once.
    const today = todayIn(new Date(), "America/Toronto");
    const due = addMonths(today, 12);
    expect(await reviewSchedules()).toEqual([
      expect.objectContaining({ partnershipId: id, kind: "review", dueOn: due }),
    ]);
    const scheduled = (await repository.listEvents(id)).filter(
      (e) => e.type === "ScheduleSet" && e.data.kind === "review",
    );
    expect(scheduled.map((e) => e.data)).toEqual([{ kind: "review", dueOn: due }]);

    // Who may start it: an officer or the lead; not an auditor; no one unknown; not twice.
    expect((await startNow(id, "auditor")).status).toBe(403);
    expect((await startNow("01KAW0000000000000000000ZZ")).status).toBe(404);
    const started = await startNow(id);
    expect(started.status).toBe(202);
    const { round } = (await started.json()) as { round: string };
    expect(round).toMatch(/^now-\d{8}T\d{6}Z$/);

    const asked = await journey.waitForMail(new RegExp(`Time to review the ${name} partnership`), contact);
    const review = pathOf(asked, "/review");
    await journey.waitForStage(statusUrl, "IN_REVIEW");
    expect((await startNow(id)).status).toBe(409);
    // The scheduled review gave way to this one.
    expect(await reviewSchedules()).toEqual([]);

    const page = await (await journey.fetch(review)).text();
    expect(page).toContain("Students gain workplace experience");
    // Sent with nothing rated: the page says what is missing, and nothing is decided.
    const missing = await journey.postForm(review, { action: "send" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("choose met, partly met or not met");
    // Saved, and shown again.
    const saved = await journey.postForm(review, { action: "save", "o0.rating": "partly" });
    expect(saved.status).toBe(200);
    expect(await (await journey.fetch(review)).text()).toMatch(/value="partly" checked/);
    const sent = await journey.postForm(review, {
      action: "send",
      "o0.rating": "met",
      "o0.evidence": "Six students placed; all earned their credits.",
      "o0.change": "A second supervisor",
    });
    expect(sent.status).toBe(200);

    const officer = await journey.waitForMail(new RegExp(`periodic review of ${name}`), ANY_OFFICER);
    const evaluation = pathOf(officer, "/review-evaluation");
    const evaluationPage = await (await journey.fetch(evaluation)).text();
    expect(evaluationPage).toContain("Six students placed");
    expect(evaluationPage).toContain("Met");
    // The agreement in force opens beside the answers.
    expect(evaluationPage).toContain(`href="${evaluation}/agreement.pdf"`);
    expect((await journey.fetch(`${evaluation}/agreement.pdf`)).status).toBe(302);
    const renewed = await journey.postForm(evaluation, {
      outcome: "renew",
      comment: "A good year",
      noConflict: "yes",
    });
    expect(renewed.status).toBe(200);
    expect(await renewed.text()).toContain(`The next review is due ${calendarDateWords(due)}.`);

    await journey.waitForMail(new RegExp(`The ${name} partnership is renewed`), contact);
    const active = await journey.waitForStage(statusUrl, "ACTIVE");
    expect(active).toContain("The periodic review renewed");
    const reviews = journey.runtime.model.stateMachines.find((m) => m.logicalId.startsWith("Review"));
    expect(await executionEnd(journey, reviews?.arn ?? "", reviewExecutionName(id, round))).toBe("SUCCEEDED");

    const ledger = await repository.listEvents(id);
    expect(verifyLedger(ledger)).toMatchObject({ ok: true });
    const types = ledger.filter((e) => e.type !== "EmailSent").map((e) => e.type);
    const after = types.slice(types.indexOf("ReviewRequested"));
    expect(after).toEqual([
      "ReviewRequested",
      "ScheduleSet",
      "StageChanged",
      "ReviewStarted",
      "SelfAssessmentRequested",
      "SelfAssessmentGiven",
      "ReviewEvaluationRequested",
      "ReviewEvaluated",
      "StageChanged",
      "ReviewCompleted",
      "ScheduleSet",
    ]);
    const completed = ledger.find((e) => e.type === "ReviewCompleted");
    expect(completed?.data).toEqual({ round, outcome: "renew", nextReviewOn: due });
    expect(
      ledger.filter((e) => e.type === "ScheduleSet" && e.data.kind === "review").map((e) => e.data.dueOn),
    ).toEqual([due, null, due]);

    // Its day comes (the clock moved on): the runtime's scheduler starts that review, once.
    expect(await journey.runtime.reviewScheduler?.run()).toEqual({ started: 0, failed: 0 });
    process.env[CLOCK_OFFSET_ENV] = "370";
    expect(await journey.runtime.reviewScheduler?.run()).toEqual({ started: 1, failed: 0 });
    expect(await journey.runtime.reviewScheduler?.run()).toEqual({ started: 0, failed: 0 });
    // (The status link, valid 365 days, has expired by then: the table says where it stands.)
    // The second such email (the catcher's `since` counts whole seconds, so a fast run could find the first).
    const asking = new RegExp(`Time to review the ${name} partnership`);
    let again: CaughtMail | undefined;
    for (const deadline = Date.now() + 10_000; !again && Date.now() < deadline; ) {
      const sent = (await journey.mail()).filter((m) => asking.test(m.subject) && m.to.includes(contact));
      again = sent.length >= 2 ? sent.at(-1) : undefined;
      if (!again) await new Promise((r) => setTimeout(r, 50));
    }
    if (!again) throw new Error("The scheduled review asked the partner nothing");
    expect(pathOf(again, "/review")).not.toBe(review);
    expect((await repository.getPartnership(id))?.stage).toBe("IN_REVIEW");
    const begun = (await repository.listEvents(id)).filter((e) => e.type === "ReviewStarted");
    expect(begun.map((e) => e.data)).toEqual([
      { round, startedBy: "officer@example.org" },
      { round: due, startedBy: "schedule" },
    ]);
  }, 90_000);
});
