/**
 * endPartnership on the in-memory repository: a withdrawal or a termination from each stage that has not ended
 * moves it, records it once, closes the open decisions (their links then say why), stops the executions,
 * cancels the schedules and tells the other side; an ended partnership is refused; a retry completes the rest;
 * and a workflow task still running afterwards leaves the ended partnership as it is.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Json } from "#shared/domain/canonical-json.ts";
import type { Stage } from "#shared/domain/lifecycle.ts";
import type { EventType } from "#shared/events/registry.ts";
import { openStep } from "#shared/services/open-step.ts";
import { recordFailure, recordOutcome } from "#shared/services/workflow-steps.ts";
import { STATE } from "#workflows/onboarding/states.ts";
import {
  endingDeps,
  endP,
  InMemoryReviewSchedules,
  NotedStopper,
  namedArn,
  onboardingArn,
  putAt,
} from "../fixtures/leaving.ts";
import { OFFICER, Office, P } from "../fixtures/onboarding-office.ts";

let office: Office;

beforeEach(async () => {
  office = await Office.approved();
});

const RENEWAL_ARN = "arn:aws:states:eu-west-1:000000000000:execution:VettingRenewal:P-2027-01-05";

/** Opens a step as the workflow does, in the execution `executionId` (its $$.Execution.Id). */
async function openIn(kind: string, executionId: string) {
  const before = office.sent.length;
  const step = office.registry[kind];
  if (!step) throw new Error(`No step ${kind}`);
  const opened = await openStep(office.deps(), office.registry, {
    partnershipId: P,
    kind,
    state: step.state,
    taskToken: `TOKEN-${kind}-${Math.random()}`,
    timeoutSeconds: 7 * 86_400,
    executionId,
  });
  const mail = office.sent[before];
  const url = /https:\/\/partners\.example\.org(\/[a-z-]+)\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? "");
  if (!url) throw new Error(`No link for ${kind}`);
  return { ...opened, request: { linkPath: url[1] ?? "", token: url[2] ?? "" } };
}

const types = async () => (await office.events()).map((e) => e.type);

describe("a withdrawal", () => {
  it("from VETTING with the officer's review open: moves, records, closes, stops, cancels and tells the office and the officer", async () => {
    const review = await openIn("vetting-review", onboardingArn(P));
    await office.repository.setSchedule(P, "vetting-renewal", "2027-01-05", office.now.toISOString());
    await office.repository.appendEvent({
      partnershipId: P,
      at: office.now.toISOString(),
      actor: "system:workflow",
      type: "ScheduleSet",
      data: { kind: "vetting-renewal", dueOn: "2027-01-05" },
    });
    office.sent.splice(0);
    const deps = endingDeps(office);

    const result = await endP(office, "withdrawn", "Our placement programme has closed.", deps);

    expect(result).toEqual({
      ok: true,
      stage: "WITHDRAWN",
      endedAt: office.now.toISOString(),
      already: false,
    });
    expect((await office.partnership()).stage).toBe("WITHDRAWN");
    const events = await office.events();
    const ended = events.filter((e) => e.type === "StageChanged" || e.type === "PartnershipWithdrawn");
    expect(ended.map((e) => [e.type, e.actor, e.data])).toEqual([
      ["StageChanged", "partner", { from: "VETTING", to: "WITHDRAWN", outcome: "withdrawn" }],
      [
        "PartnershipWithdrawn",
        "partner",
        { reason: "Our placement programme has closed.", confirmedAt: office.now.toISOString() },
      ],
    ]);
    // The office and the officer whose review it closed, an email each, recorded by role; and the partner's
    // contact a receipt of their own, which does not repeat their reason (free text: it may name people).
    const contact = office.intake.contact.email;
    const name = office.intake.organisation.name;
    expect(office.sent.map((m) => [m.to, m.subject])).toEqual([
      [["office@example.org"], expect.stringMatching(/^Withdrawn by the partner: /)],
      [[OFFICER], expect.stringMatching(/^Withdrawn by the partner: /)],
      [[contact], `You withdrew ${name} from the partnership`],
    ]);
    expect(office.sent[0]?.text).toContain("“Our placement programme has closed.”");
    const receipt = office.sent[2]?.text ?? "";
    expect(receipt).toContain(
      `withdrew from its partnership with the Community Partnerships Office on November 23, 2026.`,
    );
    expect(receipt).toContain("the signed agreement and its completion certificate");
    expect(receipt).toContain("reply to this email or contact the office");
    expect(receipt).not.toContain("placement programme");
    expect(receipt).not.toMatch(/https?:\/\//);
    const sent = events.filter((e) => e.type === "EmailSent" && e.data.template === "withdrawn");
    expect(sent.map((e) => e.data.recipients)).toMatchObject([[{ role: "office" }], [{ role: "officer" }]]);
    const receipts = events.filter((e) => e.type === "EmailSent" && e.data.template === "withdrawn:receipt");
    expect(receipts.map((e) => e.data.recipients)).toMatchObject([[{ role: "partner" }]]);
    // The decision is closed, out of the inbox; its execution and the onboarding are stopped, once each.
    const decision = await office.repository.getDecision(P, review.decisionId);
    expect(decision).toMatchObject({
      status: "open",
      closedBecause: "withdrawn",
      retiredAt: office.now.toISOString(),
    });
    expect(await office.repository.listOpenDecisions(10)).toEqual([]);
    expect(deps.stopper.stopped).toEqual([
      { arn: onboardingArn(P), cause: "The partner withdrew from the partnership" },
    ]);
    // The schedules: the review's, and the table's, recorded as removed.
    expect(deps.reviewSchedules.cancelled).toEqual([P]);
    expect(await office.repository.listDueSchedules("2099-01-01", 10)).toEqual([]);
    expect(events.at(-1)).toMatchObject({
      type: "ScheduleSet",
      data: { kind: "vetting-renewal", dueOn: null },
    });
  });

  it("closes a partner's step and a vetting renewal's, and stops the renewal's execution too", async () => {
    await putAt(office, "ACTIVE");
    await openIn("vetting-renewal", RENEWAL_ARN);
    office.sent.splice(0);
    const deps = endingDeps(office);
    await endP(office, "withdrawn", "We are merging with another charity.", deps);
    expect(deps.stopper.stopped.map((s) => s.arn)).toEqual([onboardingArn(P), RENEWAL_ARN]);
    // Nobody but the office is told, and the partner gets its receipt: the step was the partner's own.
    expect(office.sent.map((m) => m.to)).toEqual([["office@example.org"], [office.intake.contact.email]]);
  });

  it.each<Stage>([
    "SUBMITTED",
    "ASSESSING",
    "CONFIRMING_AUTHORITY",
    "SIGNING",
    "ACTIVE",
    "IN_REVIEW",
    "NEEDS_ATTENTION",
  ])("from %s ends it", async (stage) => {
    await putAt(office, stage);
    const result = await endP(office, "withdrawn", "No longer able to host students.");
    expect(result).toMatchObject({ ok: true, stage: "WITHDRAWN", already: false });
    expect((await office.events()).find((e) => e.type === "StageChanged")?.data).toEqual({
      from: stage,
      to: "WITHDRAWN",
      outcome: "withdrawn",
    });
  });

  it("sent again finds it withdrawn: completes the rest and records and tells nothing twice", async () => {
    const deps = endingDeps(office);
    const first = await endP(office, "withdrawn", "Closed.", deps);
    const before = await types();
    const sent = office.sent.length;
    const again = await endP(office, "withdrawn", "Closed.", deps);
    expect(again).toEqual({
      ok: true,
      stage: "WITHDRAWN",
      endedAt: first.ok ? first.endedAt : "",
      already: true,
    });
    expect(await types()).toEqual(before);
    expect(office.sent).toHaveLength(sent);
  });

  it("a stop that fails is finished by the retry, which answers `already`", async () => {
    const stopper = new NotedStopper(1);
    const deps = endingDeps(office, stopper, new InMemoryReviewSchedules());
    await expect(endP(office, "withdrawn", "Closed.", deps)).rejects.toThrow("Rate exceeded");
    expect((await office.partnership()).stage).toBe("WITHDRAWN");
    expect(await endP(office, "withdrawn", "Closed.", deps)).toMatchObject({ ok: true, already: true });
    expect(stopper.stopped.map((s) => s.arn)).toEqual([onboardingArn(P)]);
    expect(deps.reviewSchedules.cancelled).toEqual([P]);
    expect((await types()).filter((t) => t === "PartnershipWithdrawn")).toHaveLength(1);
  });
});

describe("a link closed by an ending", () => {
  it.each([
    ["withdrawn", "The partner withdrew from this partnership on November 23, 2026."],
    ["terminated", "The office terminated this partnership on November 23, 2026."],
  ] as const)("says the partnership was %s, and when; its POST decides nothing", async (how, says) => {
    const review = await office.open("vetting-review");
    await endP(office, how, "Closed.");
    for (const page of [await office.show(review), await office.post(review, { noConflict: "yes" })]) {
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain(says);
      expect(page.body).toContain(`data-closed="${how}"`);
    }
    expect(office.resumed).toEqual([]);
  });
});

describe("a termination", () => {
  it("of an ACTIVE partnership tells the partner's contact why, and records who", async () => {
    await putAt(office, "ACTIVE");
    const result = await endP(office, "terminated", "The placements were not supervised as agreed.");
    expect(result).toMatchObject({ ok: true, stage: "TERMINATED", already: false });
    const ended = (await office.events()).find((e) => e.type === "PartnershipTerminated");
    expect(ended).toMatchObject({
      actor: "lead:lead@example.org",
      data: { reason: "The placements were not supervised as agreed.", terminatedBy: "lead-sub" },
    });
    expect(office.sent.map((m) => m.to)).toEqual([[office.intake.contact.email]]);
    expect(office.sent[0]?.subject).toMatch(/partnership has ended$/);
    expect(office.sent[0]?.text).toContain("“The placements were not supervised as agreed.”");
    expect((await office.events()).find((e) => e.type === "EmailSent")?.data).toMatchObject({
      template: "terminated",
      recipients: [{ role: "partner" }],
    });
  });

  it("tells the signatory too once they confirmed their authority", async () => {
    await office.vet();
    await office.authorise();
    office.sent.splice(0);
    await endP(office, "terminated", "Ended by the board.");
    expect(office.sent.map((m) => m.to)).toEqual([
      [office.intake.contact.email],
      [office.intake.signatory.email],
    ]);
    const sent = (await office.events()).filter(
      (e) => e.type === "EmailSent" && e.data.template === "terminated",
    );
    expect(sent.map((e) => e.data.recipients)).toMatchObject([
      [{ role: "partner" }],
      [{ role: "signatory" }],
    ]);
  });

  it.each<Stage>(["DECLINED", "EXPIRED", "WITHDRAWN", "TERMINATED"])(
    "of a partnership that ended (%s) changes nothing",
    async (stage) => {
      await putAt(office, stage);
      const before = await types();
      const result = await endP(office, "terminated", "Too late.");
      if (stage === "TERMINATED") expect(result).toMatchObject({ ok: true, already: true });
      else expect(result).toEqual({ ok: false, stage });
      expect(await types()).toEqual(before);
      expect(office.sent).toEqual([]);
    },
  );
});

describe("the executions the ledger names", () => {
  it("are stopped too: each review round begun and not completed, and each retry", async () => {
    const at = office.now.toISOString();
    const event = (type: EventType, data: { [key: string]: Json }) =>
      office.repository.appendEvent({ partnershipId: P, at, actor: "system:workflow", type, data });
    await event("ReviewStarted", { round: "2027-01-05", startedBy: "schedule" });
    await event("ReviewCompleted", { round: "2027-01-05", outcome: "renew", nextReviewOn: "2028-01-05" });
    await event("ReviewStarted", { round: "2028-01-05", startedBy: "schedule" });
    await event("WorkflowRetried", {
      by: "lead@example.org",
      workflow: "vetting-renewal",
      state: "ReviewRenewal",
      execution: `${P}-2027-06-01-retry-1`,
      to: "ACTIVE",
    });
    const deps = endingDeps(office);
    await endP(office, "terminated", "Closed.", deps);
    expect(deps.stopper.stopped.map((s) => s.arn)).toEqual([
      onboardingArn(P),
      namedArn("review", `${P}-review-2028-01-05`),
      namedArn("vetting-renewal", `${P}-2027-06-01-retry-1`),
    ]);
  });
});

describe("after an ending, a workflow task still running", () => {
  beforeEach(async () => {
    await endP(office, "withdrawn", "Closed.");
    office.sent.splice(0);
  });

  it("records no outcome: the partnership stays withdrawn", async () => {
    const before = await types();
    await recordOutcome(office.deps(), { partnershipId: P, outcome: "vetted" }, STATE.confirmVetting);
    await recordOutcome(office.deps(), { partnershipId: P, outcome: "expired" }, "RecordExpiry");
    await recordOutcome(
      office.deps(),
      { partnershipId: P, outcome: "at-risk", round: "2027-01-05", reason: "not-given" },
      "MarkAtRisk",
    );
    expect((await office.partnership()).stage).toBe("WITHDRAWN");
    expect(await types()).toEqual(before);
    expect(office.sent).toEqual([]);
  });

  it("records the failure for the auditor, but leaves the partnership ended and tells nobody", async () => {
    const before = await types();
    await recordFailure(office.deps(), { partnershipId: P, error: "States.Runtime", cause: "stopped" }, "X");
    expect(await types()).toEqual([...before, "WorkflowFailed"]);
    expect((await office.partnership()).stage).toBe("WITHDRAWN");
    expect(office.sent).toEqual([]);
  });

  it("opens no step and emails no link", async () => {
    await expect(openIn("vetting-review", onboardingArn(P))).rejects.toThrow("No link");
    expect(await office.repository.listOpenDecisions(10)).toEqual([]);
  });

  it.each<Stage>(["DECLINED", "EXPIRED"])("nor on a partnership that ended otherwise (%s)", async (stage) => {
    const other = await Office.approved();
    office = other;
    await putAt(office, stage);
    office.sent.splice(0);
    await expect(openIn("vetting-review", onboardingArn(P))).rejects.toThrow("No link");
    expect(await office.repository.listOpenDecisions(10)).toEqual([]);
  });
});
