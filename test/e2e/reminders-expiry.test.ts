/**
 * Reminder, escalation, then expiry, with an office holiday skipped, over HTTP through the local runtime: the
 * app synthesised with a holiday on the first business day after the step falls due, and the officer's step
 * timing out after a few seconds (the engine's timers run on real time; the clock offset moves due dates and
 * reminders, not timeouts). The lead is told of the timeout before the partnership expires.
 */
import { readFileSync } from "node:fs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "#infra/build-app.ts";
import { STACK_NAMES } from "#infra/local/synth.ts";
import type { StackTemplates } from "#infra/local/template.ts";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { todayIn } from "#shared/domain/calendar-dates.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { CLOCK_OFFSET_ENV } from "#shared/ports/clock.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { businessOffset } from "./business-days.ts";
import { ANY_OFFICER, Journey, linkIn } from "./harness.ts";

const SWEEP = "send-reminders";
const LEAD = "lead@example.org";
const OFFICE = "partnerships-office@example.org";
const DAY_MS = 86_400_000;
/** The officer's step times out this long after it opens (real time). */
const TIMEOUT_SECONDS = 15;
/** The first business day after the step falls due (seven days): the office's holiday. */
const HOLIDAY_OFFSET = businessOffset(8);
const HOLIDAY = todayIn(new Date(Date.now() + HOLIDAY_OFFSET * DAY_MS), "America/Toronto");

let journey: Journey;

beforeAll(async () => {
  const cdk = JSON.parse(readFileSync(new URL("../../cdk.json", import.meta.url), "utf8")) as {
    context: { partnerflow: Record<string, unknown> };
  };
  const assembly = buildApp({
    bundle: false,
    context: { partnerflow: { ...cdk.context.partnerflow, holidays: [HOLIDAY] } },
  }).app.synth();
  const templates = Object.fromEntries(
    Object.values(STACK_NAMES).map((name) => [name, assembly.getStackByName(name).template]),
  ) as StackTemplates;
  journey = await Journey.start({
    templates,
    timeoutOverridesSeconds: { AwaitOfficerDecision: TIMEOUT_SECONDS },
  });
});
afterAll(async () => {
  delete process.env[CLOCK_OFFSET_ENV];
  await journey?.stop();
});

describe("an overdue step on the way to its timeout", () => {
  it("skips the holiday, reminds, escalates, tells the lead at the timeout, then expires", async () => {
    const intake = makeIntake({ organisation: { name: "Holiday Hill Orchards" } });
    const submitted = await journey.submitJson(intake);
    const { partnershipId, statusUrl } = (await submitted.json()) as {
      partnershipId: string;
      statusUrl: string;
    };
    const asked = await journey.waitForMail(
      /Decision needed: intake review for Holiday Hill Orchards/,
      ANY_OFFICER,
    );
    const link = linkIn(asked, "/decisions");

    // The holiday: nothing is sent.
    process.env[CLOCK_OFFSET_ENV] = String(HOLIDAY_OFFSET);
    expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject({ businessDay: false, reminded: 0 });

    // The business days after it: two reminders, then the lead.
    const first = businessOffset(HOLIDAY_OFFSET + 1, [HOLIDAY]);
    const second = businessOffset(first + 1, [HOLIDAY]);
    const third = businessOffset(second + 1, [HOLIDAY]);
    for (const [offset, sent] of [
      [first, { reminded: 1 }],
      [second, { reminded: 1 }],
      [third, { escalated: 1 }],
    ] as const) {
      process.env[CLOCK_OFFSET_ENV] = String(offset);
      expect(await journey.runtime.scheduler.run(SWEEP)).toMatchObject(sent);
    }
    const reminder = await journey.waitForMail(
      /^Reminder: the intake review for Holiday Hill/,
      asked.to[0] as string,
    );
    expect(linkIn(reminder, "/decisions")).toBe(link);
    await journey.waitForMail(/^Overdue: the intake review for Holiday Hill/, LEAD);

    // The step's timeout: the lead is told, then the partnership expires and the office is told.
    const timedOut = await journey.waitForMail(
      /^Timed out: the intake review for Holiday Hill/,
      LEAD,
      30_000,
    );
    expect(timedOut.text).toContain("now expires");
    await journey.waitForStage(statusUrl, "EXPIRED", 30_000);
    await journey.waitForMail(/Expired without a decision: Holiday Hill Orchards/, OFFICE, 10_000);

    const repository = new DynamoDbPartnershipRepository(
      createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
      "partnerflow",
    );
    const events = await repository.listEvents(partnershipId);
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    const order = events
      .map((e) => (e.type === "StageChanged" ? `StageChanged:${e.data.to}` : e.type))
      .filter((t) =>
        ["ReminderSent", "DecisionEscalated", "StepTimedOut", "StageChanged:EXPIRED"].includes(t),
      );
    expect(order).toEqual([
      "ReminderSent",
      "ReminderSent",
      "DecisionEscalated",
      "StepTimedOut",
      "StageChanged:EXPIRED",
    ]);
    expect(events.find((e) => e.type === "StepTimedOut")).toMatchObject({
      step: "TellLeadStepTimedOut",
      data: { kind: "intake-review", state: "AwaitOfficerDecision" },
    });
    // The link no longer works.
    const late = await journey.postForm(new URL(link).pathname, { noConflict: "yes", outcome: "approve" });
    expect(late.status).toBe(410);
  });
});
