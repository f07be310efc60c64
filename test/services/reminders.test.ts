/**
 * The daily reminder sweep on the in-memory repository, time moved by the test clock: a step falls due, its
 * assignee is reminded once a business day (weekends and a configured holiday skipped) with the very link the
 * step emailed, then the lead is told; an officer's step carries that same link to the lead (escalated, it decides
 * only signed in, as whoever is), a partner's never does.
 * The step's timeout: the lead is told, once, and the link is no longer kept.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { hashToken } from "#shared/domain/link-tokens.ts";
import { recordFailure } from "#shared/services/record-failure.ts";
import { sendReminders } from "#shared/services/send-reminders.ts";
import { tellLeadOfTimeout } from "#shared/services/tell-lead-of-timeout.ts";
import { LEAD, OFFICE_CONFIG, OFFICER, Office, P } from "../fixtures/onboarding-office.ts";

const DAY = 86_400;
/** Due two days after it is opened (Monday 2026-11-23, 10:00 in Toronto); times out a week after that. */
const TIMING = { dueSeconds: 2 * DAY, timeoutSeconds: 9 * DAY };
/** Friday 2026-11-27: a holiday of the office's. */
const HOLIDAY = "2026-11-27";
const CONFIG = { ...OFFICE_CONFIG, HOLIDAYS: [HOLIDAY] };

let office: Office;
const sweep = () => sendReminders(office.deps());
/** The office's morning (9:00 in Toronto) of a day. */
const morningOf = (day: string) => new Date(`${day}T14:00:00.000Z`);
const linkOf = (text: string) =>
  /https:\/\/partners\.example\.org\/[a-z-]+\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];

beforeEach(async () => {
  office = await Office.approved({ config: CONFIG });
});

describe("an officer's overdue step", () => {
  it("is reminded once a business day with the same link, then escalated to the lead with it, signed in to decide", async () => {
    const opened = await office.open("intake-review", undefined, TIMING);
    const link = linkOf(opened.mail.text);
    expect(link).toBeDefined();
    expect(opened.decision.dueAt).toBe("2026-11-25T15:00:00.000Z");
    expect(opened.decision.expiresAt).toBe("2026-12-02T15:00:00.000Z");
    // Sealed on the decision, never the token itself.
    expect(opened.decision.sealedLinkToken).toMatch(/^sealed:v1:/);
    expect(opened.decision.sealedLinkToken).not.toContain(opened.request.token);
    const sentBefore = office.sent.length;

    // Tuesday: not due yet.
    office.now = morningOf("2026-11-24");
    expect(await sweep()).toMatchObject({ businessDay: true, reminded: 0, escalated: 0 });

    // Thursday: due since yesterday: the first reminder, to the officer, with the same link.
    office.now = morningOf("2026-11-26");
    expect(await sweep()).toMatchObject({ reminded: 1, escalated: 0 });
    const first = office.sent.at(-1);
    expect(first?.to).toEqual([OFFICER]);
    expect(first?.subject).toMatch(/^Reminder: the intake review for .+ is overdue$/);
    expect(linkOf(first?.text ?? "")).toBe(link);
    // Never a second token: the decision's link is the one it had.
    const reminded = await office.repository.getDecision(P, opened.decision.decisionId);
    expect(reminded?.linkTokenHash).toBe(hashToken(opened.request.token));
    expect(reminded).toMatchObject({ reminders: 1, lastRemindedOn: "2026-11-26" });

    // Later the same day: nothing more.
    office.clock.advance({ ms: 3 * 3_600_000 });
    expect(await sweep()).toMatchObject({ reminded: 0, skipped: 1 });

    // Friday is a holiday, then the weekend: nothing.
    for (const day of [HOLIDAY, "2026-11-28", "2026-11-29"]) {
      office.now = morningOf(day);
      expect(await sweep(), day).toMatchObject({ businessDay: false, reminded: 0, escalated: 0 });
    }

    // Monday: the second reminder.
    office.now = morningOf("2026-11-30");
    expect(await sweep()).toMatchObject({ reminded: 1 });
    expect(linkOf(office.sent.at(-1)?.text ?? "")).toBe(link);

    // Tuesday: two reminders sent, so the lead is told, with the same link (never a second token): escalated, it
    // decides only signed in, and records whoever is, past the conflict and segregation checks.
    office.now = morningOf("2026-12-01");
    expect(await sweep()).toMatchObject({ reminded: 0, escalated: 1 });
    const escalation = office.sent.at(-1);
    expect(escalation?.to).toEqual([LEAD]);
    expect(escalation?.subject).toMatch(/^Overdue: the intake review for /);
    expect(escalation?.text).toContain(
      `The officer assigned (${opened.decision.assignee}) was reminded 2 times`,
    );
    expect(escalation?.text).toContain("the one the officer has too; it decides only for staff signed in");
    expect(escalation?.text).not.toContain("personal to you");
    expect(linkOf(escalation?.text ?? "")).toBe(link);
    expect(escalation?.text).toContain("only when you are signed in (https://partners.example.org/sign-in)");
    expect(escalation?.text).toContain("https://partners.example.org/console/inbox");
    const escalated = await office.repository.getDecision(P, opened.decision.decisionId);
    expect(escalated?.linkTokenHash).toBe(hashToken(opened.request.token));

    // Escalated once: nothing more the next day.
    office.clock.set("2026-12-02T13:00:00.000Z");
    expect(await sweep()).toMatchObject({ reminded: 0, escalated: 0 });
    expect(office.sent.length - sentBefore).toBe(3);

    const events = await office.events();
    expect(events.filter((e) => e.type === "ReminderSent").map((e) => e.data)).toEqual([
      expect.objectContaining({ count: 1, recipient: "officer", kind: "intake-review" }),
      expect.objectContaining({ count: 2, recipient: "officer" }),
    ]);
    expect(events.find((e) => e.type === "DecisionEscalated")?.data).toMatchObject({
      reminders: 2,
      assignee: "officer",
      withLink: true,
    });
    const templates = events.filter((e) => e.type === "EmailSent").map((e) => e.data.template);
    expect(templates).toContain("intake-review:reminder");
    expect(templates).toContain("intake-review:escalation");
    // No link or address in the ledger.
    expect(JSON.stringify(events)).not.toContain(opened.request.token);

    // Escalated, the link alone decides nothing; signed in, the lead decides with it, as the lead.
    const answer = { noConflict: "yes", outcome: "approve", comment: "" };
    expect((await office.post(opened, answer)).statusCode).toBe(401);
    expect((await office.repository.getDecision(P, opened.decision.decisionId))?.status).toBe("open");
    const asLead = {
      ...opened,
      request: { ...opened.request, signedInAs: { sub: "u-lead", email: LEAD }, lead: true },
    };
    expect((await office.post(asLead, answer)).statusCode).toBe(200);
    const decided = await office.repository.getDecision(P, opened.decision.decisionId);
    expect(decided).toMatchObject({ decidedBy: `officer:${LEAD}`, assignee: OFFICER });
    expect(decided?.sealedLinkToken).toBeUndefined();
  });

  it("escalates without the link when the lead declared a conflict with the partner (the lead may not decide)", async () => {
    await office.repository.appendEvent({
      partnershipId: P,
      at: office.now.toISOString(),
      actor: `officer:${LEAD}`,
      type: "StepDecided",
      data: { kind: "intake-review", decisionId: "D0", outcome: "conflict", comment: "" },
    });
    const opened = await office.open("intake-review", undefined, TIMING);
    for (const day of ["2026-11-26", "2026-11-30", "2026-12-01"]) {
      office.now = morningOf(day);
      await sweep();
    }
    const escalation = office.sent.at(-1);
    expect(escalation?.to).toEqual([LEAD]);
    expect(linkOf(escalation?.text ?? "")).toBeUndefined();
    expect(escalation?.text).not.toContain(opened.request.token);
    expect(escalation?.text).toContain("Please follow it up with the officer assigned");
    const events = await office.events();
    expect(events.find((e) => e.type === "DecisionEscalated")?.data).toMatchObject({ withLink: false });
  });

  it("two sweeps at once send one reminder", async () => {
    await office.open("intake-review", undefined, TIMING);
    office.now = morningOf("2026-11-26");
    const before = office.sent.length;
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a.reminded + b.reminded).toBe(1);
    expect(office.sent.length - before).toBe(1);
  });

  it("reminds no step past its timeout, nor one already decided", async () => {
    const opened = await office.open("intake-review", undefined, TIMING);
    office.now = morningOf("2026-12-03");
    expect(await sweep()).toMatchObject({ reminded: 0, skipped: 1 });
    office.now = morningOf("2026-11-26");
    await office.post(opened, { noConflict: "yes", outcome: "approve", comment: "" });
    expect(await sweep()).toMatchObject({ reminded: 0, skipped: 0 });
  });
});

describe("a partnership that needs attention", () => {
  it("is not reminded: its step's task failed with the workflow, and the lead was told already", async () => {
    await office.open("intake-review", undefined, TIMING);
    await recordFailure(
      office.deps(),
      { partnershipId: P, error: "States.TaskFailed", cause: "", workflow: "onboarding" },
      "RecordWorkflowFailure",
    );
    expect((await office.partnership()).stage).toBe("NEEDS_ATTENTION");
    const sentBefore = office.sent.length;
    office.now = morningOf("2026-11-26");
    expect(await sweep()).toMatchObject({ reminded: 0, escalated: 0, skipped: 1 });
    expect(office.sent.length).toBe(sentBefore);
  });
});

describe("a partner's overdue step", () => {
  it("is reminded to the partner's contact, and escalated to the lead without the partner's link", async () => {
    const opened = await office.open("resubmission", { request: "Which schools?" }, TIMING);
    const link = linkOf(opened.mail.text);
    for (const day of ["2026-11-26", "2026-11-30"]) {
      office.now = morningOf(day);
      expect(await sweep()).toMatchObject({ reminded: 1 });
      const reminder = office.sent.at(-1);
      expect(reminder?.to).toEqual([office.intake.contact.email]);
      expect(linkOf(reminder?.text ?? "")).toBe(link);
    }
    office.now = morningOf("2026-12-01");
    expect(await sweep()).toMatchObject({ escalated: 1 });
    const escalation = office.sent.at(-1);
    expect(escalation?.to).toEqual([LEAD]);
    expect(escalation?.text).not.toContain(opened.request.token);
    expect(linkOf(escalation?.text ?? "")).toBeUndefined();
    expect(escalation?.text).toContain("Their link is theirs alone");
    expect(escalation?.text).toContain(`/console/partnerships/${P}`);
    const events = await office.events();
    expect(events.filter((e) => e.type === "ReminderSent").map((e) => e.data.recipient)).toEqual([
      "partner",
      "partner",
    ]);
    expect(events.find((e) => e.type === "DecisionEscalated")?.data).toMatchObject({
      assignee: "partner",
      withLink: false,
    });
    // The partner's status page says it was reminded.
    expect(events.find((e) => e.type === "ReminderSent")?.data.kind).toBe("resubmission");
  });
});

describe("a step that times out", () => {
  it("names its own execution's decision, not a newer one another workflow waits on", async () => {
    const opened = await office.open("intake-review", undefined, TIMING);
    const mine = "arn:aws:states:eu-west-1:123456789012:execution:onboarding:mine";
    await office.repository.putDecision({ ...opened.decision, executionArn: mine });
    // Another workflow's step, opened later (a renewal's, say), still waiting.
    await office.repository.putDecision({
      ...opened.decision,
      decisionId: "D-OTHER",
      createdAt: "2026-11-30T15:00:00.000Z",
      executionArn: "arn:aws:states:eu-west-1:123456789012:execution:vetting-renewal:other",
    });
    office.now = new Date("2026-12-02T15:00:01.000Z");
    await tellLeadOfTimeout(office.deps(), {
      partnershipId: P,
      step: "TellLeadStepTimedOut",
      executionId: mine,
    });
    const events = await office.events();
    expect(events.find((e) => e.type === "StepTimedOut")?.data).toMatchObject({
      decisionId: opened.decision.decisionId,
    });
  });

  it("tells the lead once, records it, and forgets the link", async () => {
    const opened = await office.open("intake-review", undefined, TIMING);
    office.now = new Date("2026-12-02T15:00:01.000Z");
    const before = office.sent.length;
    expect(
      await tellLeadOfTimeout(office.deps(), { partnershipId: P, step: "TellLeadStepTimedOut" }),
    ).toEqual({
      told: true,
    });
    // A retried task: told already.
    expect(
      await tellLeadOfTimeout(office.deps(), { partnershipId: P, step: "TellLeadStepTimedOut" }),
    ).toEqual({
      told: false,
    });
    expect(office.sent.length - before).toBe(1);
    const mail = office.sent.at(-1);
    expect(mail?.to).toEqual([LEAD]);
    expect(mail?.subject).toMatch(/^Timed out: the intake review for /);
    expect(mail?.text).toContain("now expires");
    const events = await office.events();
    expect(events.find((e) => e.type === "StepTimedOut")).toMatchObject({
      step: "TellLeadStepTimedOut",
      data: { kind: "intake-review", decisionId: opened.decision.decisionId, state: "AwaitOfficerDecision" },
    });
    expect(
      (await office.repository.getDecision(P, opened.decision.decisionId))?.sealedLinkToken,
    ).toBeUndefined();
  });

  it("says what follows: an amendment's signing step lapses the amendment, a renewal's marks at risk", async () => {
    await office.open("intake-review", undefined, TIMING);
    office.now = new Date("2026-12-02T15:00:01.000Z");
    const input = { partnershipId: P, step: "TellLeadStepTimedOut" };
    await tellLeadOfTimeout(office.deps(), { ...input, outcome: "amendment-lapses" });
    expect(office.sent.at(-1)?.text).toContain(
      "The amendment now lapses: the partnership stays active on the agreement in force",
    );
    expect(office.sent.at(-1)?.text).not.toContain("expires");
  });
});
