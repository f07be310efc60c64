/**
 * Expiring vetting evidence over HTTP through the local runtime: two partnerships reach ACTIVE, one with its
 * liability insurance expiring in 40 days, the other in 5. The clock moves 30 days on
 * (PARTNERFLOW_CLOCK_OFFSET_DAYS: 10 days before the first's expiry, past the second's) and the hourly sweep
 * runs: the first's partner is asked for the insurance again, with a link that works (its page says why, and
 * the renewed evidence goes to an officer, who verifies it); the second is marked at risk, and its partner and
 * the office are emailed. Each ledger records it and verifies.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { addDays, calendarDateWords, todayIn } from "#shared/domain/calendar-dates.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { CLOCK_OFFSET_ENV } from "#shared/ports/clock.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey } from "./harness.ts";
import { activeWithInsuranceTo, CHECKLIST, pathOf } from "./onboarding-steps.ts";

const SWEEP = "start-vetting-renewals";
/** The office's mailbox, as cdk.json names it. */
const OFFICE = "partnerships-office@example.org";
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

describe("expiring evidence through the local runtime", () => {
  it("asked for again before it expires, with a working link; lapsed elsewhere: at risk, the office told", async () => {
    const today = todayIn(new Date(), "America/Toronto");
    const renewing = makeIntake({ organisation: { name: "Northshore Apprenticeships" } });
    const lapsing = makeIntake({ organisation: { name: "Quayside Open Studios" } });
    const expiresSoon = addDays(today, 40);
    const lapsesSooner = addDays(today, 5);
    const first = await activeWithInsuranceTo(journey, renewing, expiresSoon);
    const second = await activeWithInsuranceTo(journey, lapsing, lapsesSooner);

    // Today, the first's notice is 10 days away: nothing starts for it (the second's, within the window
    // already, is due tomorrow), and nothing has lapsed.
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ started: 0, lapsed: 0, failed: 0 });

    // 30 days on: 10 days before the first's insurance expires, and 25 days after the second's lapsed.
    process.env[CLOCK_OFFSET_ENV] = "30";
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ started: 2, lapsed: 1, failed: 0 });
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ started: 0, lapsed: 0 });

    // The first's partner is asked for the insurance, saying why, with a link that works.
    const contact = renewing.contact.email;
    const asked = await journey.waitForMail(/^Vetting: 1 checklist item needed for Northshore/, contact);
    expect(asked.text).toContain(
      `Liability insurance: your evidence expires on ${calendarDateWords(expiresSoon)}`,
    );
    const renewal = pathOf(asked, "/vetting-renewal");
    const page = await (await journey.fetch(renewal)).text();
    expect(page).toContain('id="item-liability-insurance"');
    expect(page).not.toContain('id="item-vulnerable-sector-checks"');
    expect(page).toContain(`Your evidence for this expires on ${calendarDateWords(expiresSoon)}`);
    const status = await journey.waitForStage(first.statusUrl, "ACTIVE");
    expect(status).toContain("your evidence expires soon, asked for again (Liability insurance expires on");
    expect(status).toContain("whose evidence expires soon");
    expect((await journey.postForm(renewal, { action: "send", ...CHECKLIST })).status).toBe(200);
    const officer = await journey.waitForMail(/vetting renewal for Northshore/, ANY_OFFICER);
    const reviewPath = pathOf(officer, "/vetting-renewal-review");
    expect(await (await journey.fetch(reviewPath)).text()).toContain(
      "Evidence the office verified expires soon, and was asked for again: Liability insurance",
    );
    const verified = await journey.postForm(reviewPath, {
      "liability-insurance.verdict": "verified",
      noConflict: "yes",
      outcome: "record",
    });
    expect(verified.status).toBe(200);
    await journey.waitForMail(/^Vetting renewed for the Northshore/, contact);

    // The second's lapse: at risk, its partner and the office emailed, once.
    const lapsedMail = await journey.waitForMail(/^At risk: Quayside Open Studios: evidence lapsed$/, OFFICE);
    expect(lapsedMail.text).toContain(second.partnershipId);
    expect(lapsedMail.text).toContain(`Liability insurance: valid until ${calendarDateWords(lapsesSooner)}.`);
    await journey.waitForMail(
      /^The Quayside Open Studios partnership is at risk: evidence has lapsed/,
      lapsing.contact.email,
    );
    expect((await journey.mail()).filter((m) => /^At risk: Quayside/.test(m.subject))).toHaveLength(1);
    const atRisk = await journey.waitForStage(second.statusUrl, "ACTIVE");
    expect(atRisk).toContain("The partnership is at risk: your evidence lapsed");

    // Both ledgers record it and verify.
    const renewedLedger = await repository.listEvents(first.partnershipId);
    expect(verifyLedger(renewedLedger)).toMatchObject({ ok: true });
    expect(renewedLedger.map((e) => e.type)).toContain("VettingRenewed");
    const lapsedLedger = await repository.listEvents(second.partnershipId);
    expect(verifyLedger(lapsedLedger)).toMatchObject({ ok: true });
    const marked = lapsedLedger.filter((e) => e.type === "PartnershipAtRisk");
    expect(marked.map((e) => e.data)).toEqual([
      {
        round: addDays(lapsesSooner, 1),
        reason: "evidence-lapsed",
        items: [{ itemId: "liability-insurance", title: "Liability insurance", expiresOn: lapsesSooner }],
      },
    ]);
  }, 180_000);
});
