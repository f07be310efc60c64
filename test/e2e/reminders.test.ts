/**
 * Reminders and escalation over HTTP through the local runtime: an intake, the officer does nothing, the clock
 * moves past the step's due date (PARTNERFLOW_CLOCK_OFFSET_DAYS) and the daily sweep runs: the officer is
 * reminded with the very link the step emailed, which still works; on the next business days a second
 * reminder, then the lead is told, with the same link: escalated, it decides nothing without a staff session,
 * and signed in the lead decides with it, the ledger naming the lead.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { CLOCK_OFFSET_ENV } from "#shared/ports/clock.ts";
import { signedInHeaders } from "../fixtures/console-sign-in.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { businessOffset } from "./business-days.ts";
import { ANY_OFFICER, type CaughtMail, Journey, linkIn } from "./harness.ts";

const SWEEP = "send-reminders";
const LEAD = "lead@example.org";
let journey: Journey;
let leadToken: string;

beforeAll(async () => {
  journey = await Journey.start();
  leadToken = journey.runtime.staff.seed().find((t) => t.role === "lead")?.token ?? "";
});
afterAll(async () => {
  delete process.env[CLOCK_OFFSET_ENV];
  await journey?.stop();
});

describe("an officer who does not decide by the due date", () => {
  it("is reminded with the same link once a business day, then the lead is told and, signed in, decides with it", async () => {
    const intake = makeIntake({ organisation: { name: "Lakeside Robotics Club" } });
    const submitted = await journey.submitJson(intake);
    const { partnershipId, statusUrl } = (await submitted.json()) as {
      partnershipId: string;
      statusUrl: string;
    };
    const asked = await journey.waitForMail(
      /Decision needed: intake review for Lakeside Robotics Club/,
      ANY_OFFICER,
    );
    const officer = asked.to[0] as string;
    const link = linkIn(asked, "/decisions");
    const reminders = async (): Promise<CaughtMail[]> =>
      (await journey.mail()).filter((m) => /^Reminder: the intake review for Lakeside/.test(m.subject));

    // Not due yet (seven days): nothing.
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ reminded: 0, escalated: 0 });

    // A business day after it fell due: the first reminder, to the officer, with the same link.
    const first = businessOffset(8);
    process.env[CLOCK_OFFSET_ENV] = String(first);
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ reminded: 1, failed: 0 });
    const [reminder] = await reminders();
    expect(reminder?.to).toEqual([officer]);
    expect(linkIn(reminder as CaughtMail, "/decisions")).toBe(link);
    // The link still works (GET shows the page, deciding nothing), and the same day brings no second reminder.
    expect((await journey.fetch(new URL(link).pathname)).status).toBe(200);
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ reminded: 0 });
    expect(await reminders()).toHaveLength(1);

    // The next business day: the second reminder; the one after: the lead is told, with the same link.
    const second = businessOffset(first + 1);
    process.env[CLOCK_OFFSET_ENV] = String(second);
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ reminded: 1 });
    expect(await reminders()).toHaveLength(2);
    process.env[CLOCK_OFFSET_ENV] = String(businessOffset(second + 1));
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ reminded: 0, escalated: 1 });
    const escalation = await journey.waitForMail(
      /^Overdue: the intake review for Lakeside Robotics Club/,
      LEAD,
    );
    expect(linkIn(escalation, "/decisions")).toBe(link);
    expect(escalation.text).toContain("/console/inbox");
    const repository = new DynamoDbPartnershipRepository(
      createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
      "partnerflow",
    );

    // Escalated, the link decides nothing without a staff session: the page says to sign in; nothing changes.
    const path = new URL(link).pathname;
    const answer = { noConflict: "yes", outcome: "approve", comment: "Decided after the escalation" };
    const before = await repository.listEvents(partnershipId);
    const shown = await journey.fetch(path);
    expect(shown.status).toBe(200);
    const page = await shown.text();
    expect(page).toContain("This step was escalated to the lead: sign in to decide it.");
    expect(page).toContain('<a href="/sign-in" id="escalated-sign-in">');
    const refused = await journey.postForm(path, answer);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("This step was escalated to the lead: sign in to decide it.");
    expect(await repository.listEvents(partnershipId)).toEqual(before);

    // Signed in, the lead decides with the same link; the ledger names the lead, and the officer stays assigned.
    const session = await signedInHeaders(journey, leadToken);
    const decided = await journey.fetch(path, {
      method: "POST",
      headers: {
        ...session,
        "content-type": "application/x-www-form-urlencoded",
        origin: new URL(journey.runtime.urls.app).origin,
      },
      body: new URLSearchParams(answer).toString(),
    });
    expect(decided.status).toBe(200);
    await journey.waitForStage(statusUrl, "VETTING");

    const events = await repository.listEvents(partnershipId);
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    expect(events.filter((e) => e.type === "ReminderSent").map((e) => e.data.count)).toEqual([1, 2]);
    expect(events.find((e) => e.type === "DecisionEscalated")?.data).toMatchObject({ withLink: true });
    const approved = events.find((e) => e.data.outcome === "approve");
    expect(approved?.actor).toBe(`officer:${LEAD}`);
    expect(approved?.data.signedInAs).toMatchObject({ email: LEAD });
    // The token is nowhere in the ledger, and the decision keeps no sealed copy once made.
    const token = link.slice(-43);
    expect(JSON.stringify(events)).not.toContain(token);
    const record = await repository.getPartnershipRecord(partnershipId);
    const decision = record?.decisions.find((d) => d.kind === "intake-review");
    expect(decision).toMatchObject({ status: "decided", assignee: officer, decidedBy: `officer:${LEAD}` });
    expect(decision?.sealedLinkToken).toBeUndefined();
  });
});
