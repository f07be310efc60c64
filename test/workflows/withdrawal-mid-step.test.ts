/**
 * A withdrawal in the middle of each kind of human step, on the synthesised state machines run by the local
 * engine with the real tasks (the local runtime): an officer's step (the intake review), a partner's step (the
 * vetting checklist), the signatory's step (the confirmation of authority) and the vetting renewal's partner
 * step (its own execution). Each time: WITHDRAWN, the step's link says the partner withdrew and decides nothing,
 * the execution it waited in is stopped (ABORTED, not FAILED), no workflow failure is recorded, and the ledger
 * verifies. Then the periodic review's two steps, in the review's own execution: the partner's self-assessment
 * and the officer's evaluation; and an amendment's first signing step (the new terms), in that execution too.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { addDays, todayIn } from "#shared/domain/calendar-dates.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { CLOCK_OFFSET_ENV } from "#shared/ports/clock.ts";
import type { Intake } from "#shared/schemas/intake.ts";
import { ANY_OFFICER, Journey } from "../e2e/harness.ts";
import {
  ALL_VERIFIED,
  CHECKLIST,
  executionEnd,
  pathOf,
  signedToActive,
  toChecklist,
  toSigning,
  vettedToSigning,
} from "../e2e/onboarding-steps.ts";
import { makeIntake } from "../fixtures/intake.ts";

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

const intakeOf = (name: string): Intake => makeIntake({ organisation: { name } });

/**
 * Withdraws while `link` (a step's path) is open, and checks what the ending did to it and to its execution.
 */
async function withdrawDuring(partnershipId: string, statusUrl: string, link: string) {
  const open = (await repository.getPartnershipRecord(partnershipId))?.decisions.find(
    (d) => d.status === "open" && !d.retiredAt,
  );
  expect(open?.executionArn).toMatch(/^arn:aws:states:.*:execution:/);
  const status = new URL(statusUrl).pathname;
  const done = await journey.postForm(`${status}/withdraw`, { reason: "Our plans changed.", confirm: "yes" });
  expect(done.status).toBe(303);
  await journey.waitForStage(statusUrl, "WITHDRAWN");

  const page = await journey.fetch(link);
  expect(page.status).toBe(410);
  expect(await page.text()).toMatch(/The partner withdrew from this partnership on /);
  const posted = await journey.postForm(link, { noConflict: "yes", outcome: "approve", action: "send" });
  expect(posted.status).toBe(410);

  const arn = open?.executionArn ?? "";
  const [machine, name] = [arn.slice(0, arn.lastIndexOf(":")), arn.slice(arn.lastIndexOf(":") + 1)];
  expect(await executionEnd(journey, machine.replace(":execution:", ":stateMachine:"), name)).toBe("ABORTED");
  // The onboarding is not running either (stopped now, or ended before).
  expect(await executionEnd(journey, journey.runtime.stateMachineArn, partnershipId)).not.toBe("RUNNING");
  const events = await repository.listEvents(partnershipId);
  expect(events.map((e) => e.type)).not.toContain("WorkflowFailed");
  expect(verifyLedger(events)).toMatchObject({ ok: true });
  expect((await repository.getPartnership(partnershipId))?.stage).toBe("WITHDRAWN");
}

describe("a withdrawal in the middle of a step", () => {
  it("an officer's step: the intake review", async () => {
    const intake = intakeOf("Midstep Officer Trust");
    const submitted = await journey.submitJson(intake);
    const { partnershipId, statusUrl } = (await submitted.json()) as {
      partnershipId: string;
      statusUrl: string;
    };
    const review = await journey.waitForMail(/intake review for Midstep Officer Trust/, ANY_OFFICER);
    await withdrawDuring(partnershipId, statusUrl, pathOf(review, "/decisions"));
  });

  it("a partner's step: the vetting checklist", async () => {
    const { partnershipId, statusUrl, checklist } = await toChecklist(
      journey,
      intakeOf("Midstep Partner Trust"),
    );
    await withdrawDuring(partnershipId, statusUrl, checklist);
  });

  it("the signatory's step: the confirmation of authority", async () => {
    const intake = intakeOf("Midstep Signatory Trust");
    const { partnershipId, statusUrl, checklist } = await toChecklist(journey, intake);
    expect((await journey.postForm(checklist, { action: "send", ...CHECKLIST })).status).toBe(200);
    const review = await journey.waitForMail(/vetting review for Midstep Signatory Trust/, ANY_OFFICER);
    await journey.postForm(pathOf(review, "/vetting-review"), {
      ...ALL_VERIFIED,
      noConflict: "yes",
      outcome: "record",
    });
    const authority = await journey.waitForMail(
      /confirm your authority to sign for Midstep Signatory Trust/,
      intake.signatory.email,
    );
    await withdrawDuring(partnershipId, statusUrl, pathOf(authority, "/authority"));
  });

  it("the vetting renewal's step, in its own execution", async () => {
    const intake = intakeOf("Midstep Renewal Trust");
    const { partnershipId, statusUrl, checklist } = await toChecklist(journey, intake);
    expect((await journey.postForm(checklist, { action: "send", ...CHECKLIST })).status).toBe(200);
    const until = addDays(todayIn(new Date(), "America/Toronto"), 1);
    const review = await journey.waitForMail(/vetting review for Midstep Renewal Trust/, ANY_OFFICER);
    await journey.postForm(pathOf(review, "/vetting-review"), {
      ...ALL_VERIFIED,
      "references.verdict": "waived",
      "references.reason": "Referees are away",
      "references.until": until,
      noConflict: "yes",
      outcome: "record",
    });
    const sign = await vettedToSigning(journey, intake);
    expect(await signedToActive(journey, intake, sign, partnershipId)).toBe("SUCCEEDED");
    process.env[CLOCK_OFFSET_ENV] = "3";
    try {
      expect(await journey.runtime.scheduler.run("start-vetting-renewals")).toMatchObject({ started: 1 });
      const asked = await journey.waitForMail(/^Vetting: 1 checklist item needed for /, intake.contact.email);
      await withdrawDuring(partnershipId, statusUrl, pathOf(asked, "/vetting-renewal"));
    } finally {
      delete process.env[CLOCK_OFFSET_ENV];
    }
  }, 60_000);

  /** An active partnership whose review an officer started now: its self-assessment's link, asked of the partner. */
  async function inReview(name: string) {
    const intake = intakeOf(name);
    const { partnershipId, statusUrl, sign } = await toSigning(journey, intake);
    expect(await signedToActive(journey, intake, sign, partnershipId)).toBe("SUCCEEDED");
    await journey.waitForStage(statusUrl, "ACTIVE");
    const started = await journey.fetch(`/api/partnerships/${partnershipId}/reviews`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.officer}` },
    });
    expect(started.status).toBe(202);
    const asked = await journey.waitForMail(
      new RegExp(`Time to review the ${name} partnership`),
      intake.contact.email,
    );
    await journey.waitForStage(statusUrl, "IN_REVIEW");
    return { partnershipId, statusUrl, selfAssessment: pathOf(asked, "/review") };
  }

  it("the periodic review's partner step: the self-assessment, in the review's execution", async () => {
    const { partnershipId, statusUrl, selfAssessment } = await inReview("Midstep Review Trust");
    await withdrawDuring(partnershipId, statusUrl, selfAssessment);
  }, 60_000);

  it("the periodic review's officer step: the evaluation, in the review's execution", async () => {
    const name = "Midstep Evaluation Trust";
    const { partnershipId, statusUrl, selfAssessment } = await inReview(name);
    const sent = await journey.postForm(selfAssessment, {
      action: "send",
      "o0.rating": "met",
      "o0.evidence": "Six students placed.",
      "o0.change": "",
    });
    expect(sent.status).toBe(200);
    const officer = await journey.waitForMail(new RegExp(`periodic review of ${name}`), ANY_OFFICER);
    await withdrawDuring(partnershipId, statusUrl, pathOf(officer, "/review-evaluation"));
  }, 60_000);

  it("an amendment's step, in the review's execution: the agreement's new terms", async () => {
    const name = "Midstep Amendment Trust";
    const { partnershipId, statusUrl, selfAssessment } = await inReview(name);
    await journey.postForm(selfAssessment, {
      action: "send",
      "o0.rating": "partly",
      "o0.evidence": "Two students placed.",
      "o0.change": "More placements",
    });
    const officer = await journey.waitForMail(new RegExp(`periodic review of ${name}`), ANY_OFFICER);
    // The onboarding's own terms email went out a moment ago: look only past it.
    const beforeAmendment = await journey.mailMark();
    const amended = await journey.postForm(pathOf(officer, "/review-evaluation"), {
      outcome: "amend",
      comment: "Add a second placement",
      noConflict: "yes",
    });
    expect(amended.status).toBe(200);
    const terms = await journey.waitForMail(
      new RegExp(`the agreement's terms for ${name}`),
      ANY_OFFICER,
      10_000,
      beforeAmendment,
    );
    await journey.waitForStage(statusUrl, "SIGNING");
    await withdrawDuring(partnershipId, statusUrl, pathOf(terms, "/agreement"));
  }, 60_000);
});
