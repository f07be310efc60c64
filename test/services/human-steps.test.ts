/**
 * The human steps' use cases — open, show, decide — against the in-memory repository (its behaviour is held to
 * the DynamoDB adapter's by test/contract/), a fake engine and a mailbox.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { InMemoryPartnershipRepository } from "#shared/adapters/in-memory-repository.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { recipientHash } from "#shared/domain/recipient-hash.ts";
import type { EmailMessage } from "#shared/ports/mailer.ts";
import { DecisionWindowClosedError } from "#shared/ports/workflow.ts";
import { findLink } from "#shared/services/decision-links.ts";
import { openStep } from "#shared/services/open-step.ts";
import { decideStep, showStep } from "#shared/services/step-pages.ts";
import { STEPS } from "#shared/steps/index.ts";
import { intakeFormFields, makeIntake } from "../fixtures/intake.ts";
import { CONFIG, P } from "../fixtures/step-view.ts";

let repository: InMemoryPartnershipRepository;
let sent: EmailMessage[];
let resumed: { taskToken: string; output: Record<string, unknown> }[];
const now = new Date("2026-11-23T15:00:00.000Z");
const clock = { now: () => now };

function deps() {
  return {
    repository,
    clock,
    config: CONFIG,
    mailer: { send: async (m: EmailMessage) => void sent.push(m) },
    resumer: {
      resume: async (taskToken: string, output: Record<string, unknown>) =>
        void resumed.push({ taskToken, output }),
    },
  };
}

beforeEach(async () => {
  repository = new InMemoryPartnershipRepository();
  sent = [];
  resumed = [];
  const intake = makeIntake({ organisation: { name: "In Memory Instruments" } });
  await repository.createPartnership({
    id: P,
    stage: "ASSESSING",
    organisationName: intake.organisation.name,
    intake,
    intakeVersion: 1,
    assessmentRound: 1,
    submittedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  await repository.beginLedger({
    partnershipId: P,
    at: now.toISOString(),
    actor: "partner",
    type: "IntakeSubmitted",
    data: { stage: "SUBMITTED", intakeVersion: 1, intake: {} },
  });
});

/** Opens a step as the workflow does, and returns the path of the link it emailed. */
async function opened(kind: string, taskToken: string, inputs?: Record<string, unknown>) {
  await openStep(deps(), STEPS, {
    partnershipId: P,
    kind,
    state: "AwaitX",
    taskToken,
    timeoutSeconds: 86_400,
    inputs,
  });
  const url = /https:\/\/partners\.example\.org(\/[a-z-]+\/[A-Za-z0-9_-]{43})/.exec(
    sent.at(-1)?.text ?? "",
  )?.[1];
  if (!url) throw new Error("No link was emailed");
  const [, linkPath = "", token = ""] = /^(\/[a-z-]+)\/(.+)$/.exec(url) ?? [];
  return { url, request: { token, linkPath } };
}

describe("a human step's use cases", () => {
  it("an officer's step: opened and emailed, shown, decided once, recorded and resumed", async () => {
    const { request } = await opened("intake-review", "TOKEN-1");
    expect(sent.map((m) => m.to)).toEqual([["officer@example.org"]]);
    const shown = await showStep(deps(), STEPS, request);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain("<h1>Intake review: In Memory Instruments</h1>");

    const decided = await decideStep(deps(), STEPS, request, {
      noConflict: "yes",
      outcome: "approve",
      comment: "Welcome",
    });
    expect(decided.statusCode).toBe(200);
    expect(resumed).toEqual([
      { taskToken: "TOKEN-1", output: expect.objectContaining({ outcome: "approve", comment: "Welcome" }) },
    ]);
    const again = await decideStep(deps(), STEPS, request, {
      outcome: "decline",
      comment: "No",
      confirm: "yes",
    });
    expect(again.statusCode).toBe(410);
    expect(resumed).toHaveLength(1);
    const events = await repository.listEvents(P);
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    expect(events.map((e) => e.type)).toEqual([
      "IntakeSubmitted",
      "OfficerDecisionRequested",
      // The link's email, once sent: to the officer, by a hash of the address; never the link.
      "EmailSent",
      "OfficerDecided",
    ]);
    expect(events[2]).toMatchObject({
      actor: "system:workflow",
      data: {
        template: "intake-review",
        recipients: [{ role: "officer", addressSha256: recipientHash(P, "officer@example.org") }],
      },
    });
    expect(JSON.stringify(events[2])).not.toMatch(/officer@example\.org|\/decisions\//);
    expect(events[3]).toMatchObject({
      actor: "officer:officer@example.org",
      data: { outcome: "approve", comment: "Welcome" },
    });
  });

  it("a step past due says so above its page (when it was due, when it closes); not before, nor once decided", async () => {
    await openStep(deps(), STEPS, {
      partnershipId: P,
      kind: "intake-review",
      state: "AwaitX",
      taskToken: "TOKEN-1",
      dueSeconds: 86_400,
      timeoutSeconds: 7 * 86_400,
    });
    const [, linkPath = "", token = ""] =
      /https:\/\/partners\.example\.org(\/[a-z-]+)\/([A-Za-z0-9_-]{43})/.exec(sent.at(-1)?.text ?? "") ?? [];
    const request = { linkPath, token };
    const at = (days: number) => ({
      ...deps(),
      clock: { now: () => new Date(now.getTime() + days * 86_400_000) },
    });
    const notice =
      "This was due on November 24, 2026. Please answer as soon as you can; it closes on November 30, 2026.";
    expect((await showStep(deps(), STEPS, request)).body).not.toContain("This was due on");
    const overdue = await showStep(at(2), STEPS, request);
    expect(overdue.statusCode).toBe(200);
    expect(overdue.body).toContain(notice);
    // The page again with an error keeps saying so.
    const invalid = await decideStep(at(2), STEPS, request, { noConflict: "yes", outcome: "nonsense" });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain(notice);
    await decideStep(at(2), STEPS, request, {
      noConflict: "yes",
      outcome: "approve",
      comment: "Late, sorry",
    });
    const used = await showStep(at(3), STEPS, request);
    expect(used.body).not.toContain("This was due on");
  });

  it("a partner's step: the answer applied as the next intake version, and a receipt with a working status link", async () => {
    const { request } = await opened("resubmission", "TOKEN-2", { request: "Which schools?" });
    expect(sent[0]?.text).toContain("The officer wrote: “Which schools?”");
    const corrected = makeIntake({
      organisation: { name: "In Memory Instruments Co-op" },
      contact: { name: "New Contact", email: "new.contact@instruments.example" },
    });
    const decided = await decideStep(deps(), STEPS, request, {
      ...intakeFormFields(corrected),
      answer: "Two schools.",
    });
    expect(decided.statusCode).toBe(200);
    expect(await repository.getPartnership(P)).toMatchObject({
      intakeVersion: 2,
      organisationName: "In Memory Instruments Co-op",
      intakeVersionBy: [{ version: 2 }],
    });
    const receipt = sent.at(-1);
    // To the partnership as it is now: the answers changed its contact and its name.
    expect(receipt?.to).toEqual(["new.contact@instruments.example"]);
    expect(receipt?.subject).toBe("We received your updated answers for In Memory Instruments Co-op");
    const statusToken = /\/status\/([A-Za-z0-9_-]{43})/.exec(receipt?.text ?? "")?.[1] ?? "";
    await expect(findLink(deps(), statusToken, "status")).resolves.toMatchObject({ partnershipId: P });
    expect(decided.body).toContain(`/status/${statusToken}`);
    expect((await repository.listEvents(P)).map((e) => e.type)).toEqual([
      "IntakeSubmitted",
      "ResubmissionRequested",
      "EmailSent",
      "IntakeResubmitted",
      "ResubmissionReceived",
      // The partner's receipt.
      "EmailSent",
    ]);
    expect((await repository.listEvents(P)).at(-1)?.data).toMatchObject({
      template: "resubmission:receipt",
      recipients: [{ role: "partner" }],
    });
  });

  it("a retried step (a new task token) retires the first link: it answers 'replaced', and only the new one decides", async () => {
    const first = await opened("intake-review", "ATTEMPT-1");
    const second = await opened("intake-review", "ATTEMPT-2");
    const stale = await decideStep(deps(), STEPS, first.request, {
      noConflict: "yes",
      outcome: "approve",
    }).catch((e: Error) => e);
    expect(stale).toMatchObject({ name: "LinkReplacedError" });
    expect(
      (await decideStep(deps(), STEPS, second.request, { noConflict: "yes", outcome: "approve" })).statusCode,
    ).toBe(200);
    expect(resumed.map((r) => r.taskToken)).toEqual(["ATTEMPT-2"]);
  });

  it("of two POSTs of one link at once, the loser is told what the winner decided, and when", async () => {
    const { request } = await opened("intake-review", "TOKEN-4");
    const [a, b] = await Promise.all([
      decideStep(deps(), STEPS, request, { noConflict: "yes", outcome: "approve" }),
      decideStep(deps(), STEPS, request, {
        noConflict: "yes",
        outcome: "request-info",
        comment: "Which schools?",
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 410]);
    const loser = a.statusCode === 410 ? a : b;
    expect(loser.body).toContain("<h1>Already decided</h1>");
    expect(loser.body).toMatch(
      /(Approved: the partnership went on to vetting|More information was asked of the partner)\./,
    );
    expect(loser.body).toContain("by the partnership officer.");
    expect(resumed).toHaveLength(1);
  });

  it("an answer that comes as the step times out is recorded, and the page says it came too late", async () => {
    const { request } = await opened("resubmission", "TOKEN-5", { request: "Which schools?" });
    const closed = {
      ...deps(),
      resumer: {
        resume: async () => {
          throw new DecisionWindowClosedError();
        },
      },
    };
    const answered = await decideStep(closed, STEPS, request, {
      ...intakeFormFields(makeIntake()),
      answer: "Two.",
    });
    expect(answered.statusCode).toBe(410);
    expect(answered.body).toContain("Your answer was recorded, but this step had just closed");
    expect((await repository.listEvents(P)).map((e) => e.type)).toContain("ResubmissionReceived");
  });

  it("a partner whose POST could not resume the workflow gets the receipt when the repeat finishes it, once", async () => {
    const { request } = await opened("resubmission", "TOKEN-6", { request: "Which schools?" });
    const fields = { ...intakeFormFields(makeIntake()), answer: "Two schools." };
    const down = {
      ...deps(),
      resumer: {
        resume: async () => {
          throw Object.assign(new Error("connect ETIMEDOUT"), { name: "TimeoutError" });
        },
      },
    };
    await expect(decideStep(down, STEPS, request, fields)).rejects.toThrow("ETIMEDOUT");
    const receipts = () => sent.filter((m) => m.subject.startsWith("We received your updated answers"));
    expect(receipts()).toEqual([]);

    const repeat = await decideStep(deps(), STEPS, request, fields);
    expect(repeat.statusCode).toBe(200);
    expect(repeat.body).toContain("<h1>Already recorded</h1>");
    expect(resumed).toHaveLength(1);
    expect(receipts()).toHaveLength(1);
    const statusToken = /\/status\/([A-Za-z0-9_-]{43})/.exec(receipts()[0]?.text ?? "")?.[1] ?? "";
    await expect(findLink(deps(), statusToken, "status")).resolves.toMatchObject({ partnershipId: P });
    expect(repeat.body).toContain(`/status/${statusToken}`);

    expect((await decideStep(deps(), STEPS, request, fields)).statusCode).toBe(410);
    expect(receipts()).toHaveLength(1);
  });

  it("a link opens only under its own step's path", async () => {
    const { request } = await opened("intake-review", "TOKEN-3");
    await expect(showStep(deps(), STEPS, { ...request, linkPath: "/resubmit" })).rejects.toMatchObject({
      name: "LinkNotFoundError",
    });
  });
});

describe("a human step's pages", () => {
  it("keep what the officer typed when a field is missing, with the message next to it", async () => {
    const { request } = await opened("intake-review", "PAGE-1");
    const response = await decideStep(deps(), STEPS, request, {
      noConflict: "yes",
      outcome: "request-info",
      comment: "",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Required: say what information the partner should add");
    const kept = await decideStep(deps(), STEPS, request, {
      outcome: "approve-all",
      comment: "Keep <this> & that",
    });
    expect(kept.statusCode).toBe(400);
    expect(kept.body).toContain(">Keep &lt;this&gt; &amp; that</textarea>");
    expect(kept.body).toContain('<a href="#f-outcome">Your decision</a>: Choose one of the buttons');
    expect(resumed).toEqual([]);
    expect((await repository.listEvents(P)).map((e) => e.type)).toEqual([
      "IntakeSubmitted",
      "OfficerDecisionRequested",
      "EmailSent",
    ]);
  });

  it("ask for one deliberate confirmation before a decline, and decide nothing until it comes", async () => {
    const { request } = await opened("intake-review", "PAGE-2");
    const decline = { noConflict: "yes", outcome: "decline", comment: "Outside our area" };
    const asked = await decideStep(deps(), STEPS, request, decline);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("<h1>Confirm: Decline</h1>");
    expect(asked.body).toContain("Your comment, which the partner will see: “Outside our area”");
    // The answers travel with the confirmation, unchanged.
    expect(asked.body).toContain('<input type="hidden" name="outcome" value="decline">');
    expect(asked.body).toContain('<input type="hidden" name="comment" value="Outside our area">');
    expect(asked.body).toContain('name="confirm" value="yes"');
    const back = await decideStep(deps(), STEPS, request, { ...decline, confirm: "no" });
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain(">Outside our area</textarea>");
    expect(resumed).toEqual([]);
    expect((await repository.getPartnershipRecord(P))?.decisions.map((d) => d.status)).toEqual(["open"]);

    const confirmed = await decideStep(deps(), STEPS, request, { ...decline, confirm: "yes" });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain("Declined. The partner has been told, with your reason.");
    expect(resumed.map((r) => r.output)).toEqual([
      expect.objectContaining({ outcome: "decline", comment: "Outside our area" }),
    ]);
  });

  it("say on a used link what was decided, when (in the office's time zone) and by which role", async () => {
    const { request } = await opened("intake-review", "PAGE-3");
    await decideStep(deps(), STEPS, request, {
      noConflict: "yes",
      outcome: "request-info",
      comment: "Which schools?",
    });
    for (const response of [
      await showStep(deps(), STEPS, request),
      await decideStep(deps(), STEPS, request, { noConflict: "yes", outcome: "approve" }),
    ]) {
      expect(response.body).toContain("<h1>Already decided</h1>");
      expect(response.body).toContain("More information was asked of the partner.");
      expect(response.body).toContain("November 23, 2026 at 10:00 a.m. EST (America/Toronto)");
      expect(response.body).toContain("by the partnership officer.");
      expect(response.body).not.toContain("officer@example.org");
    }
    expect(resumed).toHaveLength(1);
  });
});
