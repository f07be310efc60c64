/**
 * A waiver ends on an active partnership, over HTTP through the local runtime: the officer waives an item at
 * vetting, the onboarding goes on to ACTIVE, the clock moves past the waiver's end
 * (PARTNERFLOW_CLOCK_OFFSET_DAYS), the hourly sweep starts the vetting renewal, the partner gives the item
 * with a new link, an officer verifies it, and the partner is told. The ledger records all of it and verifies.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { addDays, todayIn } from "#shared/domain/calendar-dates.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { CLOCK_OFFSET_ENV } from "#shared/ports/clock.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey } from "./harness.ts";
import {
  ALL_VERIFIED,
  CHECKLIST,
  executionEnd,
  pathOf,
  signedToActive,
  toChecklist,
  vettedToSigning,
} from "./onboarding-steps.ts";

const SWEEP = "start-vetting-renewals";
let journey: Journey;
let repository: DynamoDbPartnershipRepository;

beforeAll(async () => {
  journey = await Journey.start();
  repository = new DynamoDbPartnershipRepository(
    createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
    "partnerflow",
  );
});
afterAll(async () => {
  delete process.env[CLOCK_OFFSET_ENV];
  await journey?.stop();
});

describe("a waiver ends on an active partnership", () => {
  it("the sweep starts the renewal once the waiver has ended; the partner gives the item; an officer verifies it", async () => {
    const intake = makeIntake({ organisation: { name: "Eastside Makers Guild" } });
    const name = intake.organisation.name;
    const contact = intake.contact.email;
    const { partnershipId, statusUrl, checklist } = await toChecklist(journey, intake);
    expect((await journey.postForm(checklist, { action: "send", ...CHECKLIST })).status).toBe(200);

    // The references are waived until tomorrow (the office's day); everything else is verified.
    const until = addDays(todayIn(new Date(), "America/Toronto"), 1);
    const review = await journey.waitForMail(new RegExp(`vetting review for ${name}`), ANY_OFFICER);
    const waived = await journey.postForm(pathOf(review, "/vetting-review"), {
      ...ALL_VERIFIED,
      "references.verdict": "waived",
      "references.reason": "Referees are away",
      "references.until": until,
      noConflict: "yes",
      outcome: "record",
    });
    expect(waived.status).toBe(200);
    const sign = await vettedToSigning(journey, intake);
    expect(await signedToActive(journey, intake, sign, partnershipId)).toBe("SUCCEEDED");
    await journey.waitForStage(statusUrl, "ACTIVE");

    // Before the waiver ends the sweep starts nothing.
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ started: 0 });

    // Three days on, it has ended: the renewal starts, once.
    process.env[CLOCK_OFFSET_ENV] = "3";
    const due = addDays(until, 1);
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ started: 1, failed: 0 });
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ started: 0 });

    const asked = await journey.waitForMail(/^Vetting: 1 checklist item needed for /, contact);
    expect(asked.text).toContain("References: the office let it wait until");
    const renewal = pathOf(asked, "/vetting-renewal");
    const page = await (await journey.fetch(renewal)).text();
    expect(page).toContain('id="item-references"');
    expect(page).not.toContain('id="item-organisation-legitimacy"');
    // The status page says what is awaited, and the stage stays ACTIVE.
    const waiting = await journey.waitForStage(statusUrl, "ACTIVE");
    expect(waiting).toContain("References is waived until");
    expect(waiting).toContain("Waiting for: the checklist items whose waiver has ended");
    expect((await journey.postForm(renewal, { action: "send", ...CHECKLIST })).status).toBe(200);

    const officer = await journey.waitForMail(new RegExp(`vetting renewal for ${name}`), ANY_OFFICER);
    const reviewPath = pathOf(officer, "/vetting-renewal-review");
    expect(await (await journey.fetch(reviewPath)).text()).toContain("Mark the partnership at risk");
    const verified = await journey.postForm(reviewPath, {
      "references.verdict": "verified",
      noConflict: "yes",
      outcome: "record",
    });
    expect(verified.status).toBe(200);
    await journey.waitForMail(new RegExp(`^Vetting renewed for the ${name}`), contact);
    const after = await journey.waitForStage(statusUrl, "ACTIVE");
    expect(after).toContain("your vetting is up to date");

    const renewals = journey.runtime.model.stateMachines.find((m) =>
      m.logicalId.startsWith("VettingRenewal"),
    );
    expect(await executionEnd(journey, renewals?.arn ?? "", `${partnershipId}-${due}`)).toBe("SUCCEEDED");
    const ledger = await repository.listEvents(partnershipId);
    expect(verifyLedger(ledger)).toMatchObject({ ok: true });
    // Each of the renewal's emails is recorded (EmailSent): the partner's link, its receipt, the officer's
    // link and the outcome's notice.
    const sent = ledger.slice(ledger.findIndex((e) => e.type === "AgreementDelivered") + 1);
    expect(sent.filter((e) => e.type === "EmailSent").map((e) => e.data.template)).toEqual(
      expect.arrayContaining(["vetting-renewal", "vetting-renewal-review", "vetting-renewed"]),
    );
    const events = ledger.filter((e) => e.type !== "EmailSent");
    const afterActive = events.slice(events.findIndex((e) => e.type === "AgreementDelivered") + 1);
    expect(afterActive.map((e) => e.type)).toEqual([
      "VettingEvidenceRequested",
      "VettingEvidenceSubmitted",
      "VettingReviewRequested",
      "VettingReviewed",
      "VettingRenewed",
      // No waiver left: the next round is the evidence's, before it expires, and the ledger says so.
      "ScheduleSet",
    ]);
    expect(afterActive[0]?.data).toMatchObject({
      kind: "vetting-renewal",
      details: { items: ["references"] },
    });
    expect(afterActive.at(-2)?.data).toEqual({ round: due });
    const expiry = CHECKLIST["liability-insurance.expiry"] ?? "";
    const evidenceNotice = addDays(expiry, -30);
    expect(afterActive.at(-1)?.data).toEqual({ kind: "vetting-renewal", dueOn: evidenceNotice });
    // The vetting that waived the item scheduled the renewal for the day after the waiver's end, and the look
    // for lapsed evidence for the day after the evidence expires: recorded too.
    const scheduled = events.filter((e) => e.type === "ScheduleSet" && e.data.kind !== "review");
    expect(scheduled.map((e) => [e.data.kind, e.data.dueOn])).toEqual([
      ["vetting-renewal", due],
      ["evidence-lapse", addDays(expiry, 1)],
      ["vetting-renewal", evidenceNotice],
    ]);
    // The partner was told of the waiver when the vetting passed, and when it would be asked for again.
    const vetted = await journey.waitForMail(new RegExp(`^Vetting is complete for the ${name}`), contact);
    expect(vetted.text).toContain("References can wait until");
    expect((await repository.getPartnership(partnershipId))?.stage).toBe("ACTIVE");
    expect(
      (await repository.listDueSchedules("2099-12-31", 10)).filter((s) => s.partnershipId === partnershipId),
    ).toEqual(
      expect.arrayContaining([
        { partnershipId, kind: "vetting-renewal", dueOn: evidenceNotice },
        { partnershipId, kind: "evidence-lapse", dueOn: addDays(expiry, 1) },
        // The periodic review, set at activation.
        expect.objectContaining({ partnershipId, kind: "review" }),
      ]),
    );
  }, 60_000);
});
