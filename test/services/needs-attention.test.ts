/**
 * Issue 13's needs attention and retry through the services, on the in-memory repository: a failed workflow
 * moves the partnership to NEEDS_ATTENTION (the stage it left, the failed state, the error's name and a safe
 * cause) and tells the lead; an ended partnership stays ended, one that needs attention already keeps it, and
 * an execution's failure is recorded once; the lead's inbox lists it; the retry moves it back, retires the
 * step's open link and starts the same workflow again at the failed state with what it reads.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { verifyLedger } from "#shared/domain/ledger.ts";
import type { AslGraph } from "#shared/domain/workflow-asl.ts";
import { inboxOf } from "#shared/services/inbox.ts";
import { recordFailure } from "#shared/services/record-failure.ts";
import { retryFailedStep } from "#shared/services/retry-workflow.ts";
import { inboxPage } from "#shared/web/inbox-page.ts";
import asl from "#shared/workflows/workflows.asl.json" with { type: "json" };
import { STATE } from "#workflows/onboarding/states.ts";
import { REVETTING_STATE } from "#workflows/revetting/states.ts";
import { namedArn, putAt } from "../fixtures/leaving.ts";
import { CHECKLIST, LEAD, OFFICER, Office, P } from "../fixtures/onboarding-office.ts";

const graphs = asl as unknown as Readonly<Record<string, AslGraph>>;
const LEAD_PRINCIPAL = { sub: "lead-1", email: LEAD, roles: ["lead" as const] };

/** A Lambda error's Cause as Step Functions hands it on: its message quotes an address and a token. */
const LAMBDA_CAUSE = JSON.stringify({
  errorType: "NoOfficerAvailableError",
  errorMessage: `No officer may decide for jane.doe@example.com; link https://x.example/t/${"a".repeat(43)} token ${"b".repeat(43)}`,
  trace: ["NoOfficerAvailableError: …", "    at assign (/var/task/index.mjs:1:2)"],
});

function failAt(state: string, execution = P, workflow = "onboarding", extra: Record<string, unknown> = {}) {
  return {
    partnershipId: P,
    workflow,
    execution,
    failed: { [state]: { Error: "NoOfficerAvailableError", Cause: LAMBDA_CAUSE } },
    ...extra,
  };
}

function retrier() {
  const started: { workflow: string; name: string; input: Record<string, unknown> }[] = [];
  return {
    started,
    restart: async (workflow: string, name: string, input: Record<string, unknown>) =>
      void started.push({ workflow, name, input }),
  };
}

let office: Office;

beforeEach(async () => {
  office = await Office.approved();
  await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
  // The review's step opened (its link emailed), then the workflow failed there.
  await office.open("vetting-review");
  office.sent.splice(0);
});

describe("a failed workflow needs attention", () => {
  it("moves the stage, records where and why (the cause made safe), and tells the lead with the inbox's link", async () => {
    await recordFailure(office.deps(), failAt(STATE.awaitVettingReview), STATE.recordWorkflowFailure);
    expect((await office.partnership()).stage).toBe("NEEDS_ATTENTION");
    const events = await office.events();
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    const failed = events.find((e) => e.type === "WorkflowFailed");
    expect(failed?.data).toEqual({
      error: "NoOfficerAvailableError",
      cause: "No officer may decide for [email]; link [link] token [redacted]",
      workflow: "onboarding",
      execution: P,
      state: STATE.awaitVettingReview,
      from: "VETTING",
    });
    expect(JSON.stringify(events)).not.toMatch(/jane\.doe|aaaaaaaa|bbbbbbbb|trace/);
    expect(events.filter((e) => e.type === "StageChanged").at(-1)?.data).toEqual({
      from: "VETTING",
      to: "NEEDS_ATTENTION",
      outcome: "failed",
    });
    expect(office.sent.map((m) => [m.to, m.subject])).toEqual([
      [[LEAD], `Needs attention: ${office.intake.organisation.name}`],
    ]);
    expect(office.sent[0]?.text).toContain("https://partners.example.org/console/inbox");
    expect(office.sent[0]?.text).toContain(`stopped at the step ${STATE.awaitVettingReview}`);
    expect(office.sent[0]?.text).not.toContain("jane.doe");
    expect(events.findLast((e) => e.type === "EmailSent")?.data).toMatchObject({
      template: "failure",
      recipients: [{ role: "lead" }],
    });
  });

  it("records an execution's failure once, however often its task runs", async () => {
    for (let i = 0; i < 3; i++)
      await recordFailure(office.deps(), failAt(STATE.awaitVettingReview), STATE.recordWorkflowFailure);
    const types = (await office.events()).map((e) => e.type);
    expect(types.filter((t) => t === "WorkflowFailed")).toHaveLength(1);
    expect(office.sent).toHaveLength(1);
  });

  it("a second workflow's failure while it needs attention is recorded, the stage kept, no one emailed again", async () => {
    await recordFailure(office.deps(), failAt(STATE.awaitVettingReview), STATE.recordWorkflowFailure);
    await recordFailure(
      office.deps(),
      failAt(REVETTING_STATE.awaitRenewedEvidence, `${P}-2027-01-05`, "vetting-renewal", {
        round: "2027-01-05",
      }),
      REVETTING_STATE.recordWorkflowFailure,
    );
    const failed = (await office.events()).filter((e) => e.type === "WorkflowFailed");
    expect(failed.map((e) => e.data.from)).toEqual(["VETTING", undefined]);
    expect((await office.partnership()).stage).toBe("NEEDS_ATTENTION");
    expect(office.sent).toHaveLength(1);
  });

  it("an ended partnership stays ended: the failure is recorded, and no one is emailed", async () => {
    await office.move("declined", STATE.declinePartnership);
    office.sent.splice(0);
    await recordFailure(office.deps(), failAt(STATE.awaitVettingReview), STATE.recordWorkflowFailure);
    await recordFailure(office.deps(), failAt(STATE.awaitVettingReview), STATE.recordWorkflowFailure);
    expect((await office.partnership()).stage).toBe("DECLINED");
    const failed = (await office.events()).filter((e) => e.type === "WorkflowFailed");
    expect(failed.map((e) => [e.data.state, e.data.from])).toEqual([[STATE.awaitVettingReview, undefined]]);
    expect(office.sent).toEqual([]);
  });
});

describe("the lead's inbox", () => {
  it("lists the partnership that needs attention first, for the lead only, with a retry and a termination", async () => {
    await recordFailure(office.deps(), failAt(STATE.awaitVettingReview), STATE.recordWorkflowFailure);
    const inbox = await inboxOf(office.deps(), LEAD_PRINCIPAL, graphs);
    expect(inbox.attention).toEqual([
      {
        partnershipId: P,
        partnershipName: office.intake.organisation.name,
        from: "VETTING",
        workflow: "onboarding",
        state: STATE.awaitVettingReview,
        error: "NoOfficerAvailableError",
        cause: "No officer may decide for [email]; link [link] token [redacted]",
        failedAt: office.now.toISOString(),
        retryable: true,
      },
    ]);
    const page = inboxPage(inbox, LEAD_PRINCIPAL, "America/Toronto");
    expect(page.indexOf("Needs attention")).toBeLessThan(page.indexOf("Assigned to you"));
    expect(page).toContain(`action="/console/partnerships/${P}/retry"`);
    expect(page).toContain('name="confirm" value="yes" required');
    expect(page).toContain(`href="/console/partnerships/${P}/termination"`);
    expect(page).toContain("Retry the failed step");
    const officer = await inboxOf(office.deps(), { sub: "o-1", email: OFFICER, roles: ["officer"] }, graphs);
    expect(officer.attention).toEqual([]);
    expect(inboxPage(officer, { email: OFFICER, roles: ["officer"] }, "America/Toronto")).not.toContain(
      "Needs attention",
    );
  });
});

describe("the retry", () => {
  it("moves the stage back, retires the step's link, and starts the workflow again at the failed state", async () => {
    const open = (await office.repository.listOpenDecisions(10)).find((d) => d.kind === "vetting-review");
    await recordFailure(office.deps(), failAt(STATE.awaitVettingReview), STATE.recordWorkflowFailure);
    const workflows = retrier();
    const result = await retryFailedStep({ ...office.deps(), retrier: workflows }, P, LEAD_PRINCIPAL, graphs);
    expect(result).toEqual({
      ok: true,
      workflow: "onboarding",
      state: STATE.awaitVettingReview,
      execution: `${P}-retry-1`,
      stage: "VETTING",
      already: false,
    });
    expect((await office.partnership()).stage).toBe("VETTING");
    expect((await office.repository.getDecision(P, open?.decisionId ?? ""))?.retiredAt).toBeDefined();
    // The decision that led to the step: the partner's checklist, as its POST resumed the workflow.
    expect(workflows.started).toEqual([
      {
        workflow: "onboarding",
        name: `${P}-retry-1`,
        input: {
          partnershipId: P,
          resumeAt: STATE.awaitVettingReview,
          decision: expect.objectContaining({ outcome: "submitted" }),
        },
      },
    ]);
    const events = await office.events();
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    expect(events.find((e) => e.type === "WorkflowRetried")).toMatchObject({
      actor: `lead:${LEAD}`,
      step: STATE.awaitVettingReview,
      data: {
        by: LEAD,
        workflow: "onboarding",
        state: STATE.awaitVettingReview,
        execution: `${P}-retry-1`,
        to: "VETTING",
      },
    });

    // A repeat (the answer was lost) starts the same execution again; once the step is asked again, it is refused.
    const again = await retryFailedStep({ ...office.deps(), retrier: workflows }, P, LEAD_PRINCIPAL, graphs);
    expect(again).toMatchObject({ ok: true, already: true, execution: `${P}-retry-1` });
    await office.open("vetting-review");
    expect(
      await retryFailedStep({ ...office.deps(), retrier: workflows }, P, LEAD_PRINCIPAL, graphs),
    ).toEqual({
      ok: false,
      reason: "not-needing-attention",
      stage: "VETTING",
    });

    // It fails again: the next retry is the second.
    await recordFailure(
      office.deps(),
      failAt(STATE.awaitVettingReview, `${P}-retry-1`),
      STATE.recordWorkflowFailure,
    );
    const second = await retryFailedStep({ ...office.deps(), retrier: workflows }, P, LEAD_PRINCIPAL, graphs);
    expect(second).toMatchObject({ ok: true, execution: `${P}-retry-2` });
  });

  it("passes the vetting renewal's round and reviewer on", async () => {
    await recordFailure(
      office.deps(),
      failAt(REVETTING_STATE.awaitRenewedReview, `${P}-2027-01-05`, "vetting-renewal", {
        round: "2027-01-05",
        carry: { round: "2027-01-05", reviewer: "escalated" },
      }),
      REVETTING_STATE.recordWorkflowFailure,
    );
    const workflows = retrier();
    await retryFailedStep({ ...office.deps(), retrier: workflows }, P, LEAD_PRINCIPAL, graphs);
    expect(workflows.started[0]).toMatchObject({
      workflow: "vetting-renewal",
      name: `${P}-2027-01-05-retry-1`,
      input: {
        partnershipId: P,
        resumeAt: REVETTING_STATE.awaitRenewedReview,
        round: "2027-01-05",
        reviewer: "escalated",
      },
    });
    // No renewal step was decided: no decision is passed.
    expect(workflows.started[0]?.input).not.toHaveProperty("decision");
  });

  it("refuses a failure that names no state (recorded before retries existed): it can be terminated", async () => {
    await recordFailure(
      office.deps(),
      { partnershipId: P, error: "States.TaskFailed", cause: "boom" },
      STATE.recordWorkflowFailure,
    );
    expect((await office.partnership()).stage).toBe("NEEDS_ATTENTION");
    const workflows = retrier();
    const result = await retryFailedStep({ ...office.deps(), retrier: workflows }, P, LEAD_PRINCIPAL, graphs);
    expect(result).toMatchObject({ ok: false, reason: "not-resumable" });
    expect(workflows.started).toEqual([]);
    expect((await office.partnership()).stage).toBe("NEEDS_ATTENTION");
    expect((await inboxOf(office.deps(), LEAD_PRINCIPAL, graphs)).attention[0]?.retryable).toBe(false);
  });

  it("retires only the failed execution's step: another workflow's stays open and its link works", async () => {
    // A review is under way (its self-assessment open) when the vetting renewal fails at its review.
    await putAt(office, "IN_REVIEW");
    const renewal = namedArn("vetting-renewal", `${P}-2027-01-05`);
    const review = namedArn("review", `${P}-review-2027-11-23`);
    const selfAssessment = await office.open("review-self-assessment", undefined, undefined, review);
    const renewalReview = await office.open("vetting-renewal-review", undefined, undefined, renewal);
    await recordFailure(
      office.deps(),
      failAt(REVETTING_STATE.awaitRenewedReview, `${P}-2027-01-05`, "vetting-renewal", {
        round: "2027-01-05",
        carry: { round: "2027-01-05", reviewer: "assigned" },
      }),
      REVETTING_STATE.recordWorkflowFailure,
    );
    const deps = { ...office.deps(), retrier: retrier() };
    expect(await retryFailedStep(deps, P, LEAD_PRINCIPAL, graphs)).toMatchObject({
      ok: true,
      stage: "IN_REVIEW",
    });
    const retired = async (opened: { decision: { decisionId: string } }) =>
      (await office.repository.getDecision(P, opened.decision.decisionId))?.retiredAt;
    expect(await retired(renewalReview)).toBe(office.now.toISOString());
    expect(await retired(selfAssessment)).toBeUndefined();
    expect((await office.show(selfAssessment)).statusCode).toBe(200);
    // The retried execution asks its step again: the review's step still stays open.
    await office.open(
      "vetting-renewal-review",
      undefined,
      undefined,
      namedArn("vetting-renewal", `${P}-2027-01-05-retry-1`),
    );
    expect(await retired(selfAssessment)).toBeUndefined();
    expect((await office.show(selfAssessment)).statusCode).toBe(200);
  });

  it("retires nothing when its move is refused (someone else moved the stage first)", async () => {
    const open = await office.open("vetting-review", undefined, undefined, namedArn("onboarding", P));
    await recordFailure(office.deps(), failAt(STATE.awaitVettingReview), STATE.recordWorkflowFailure);
    const workflows = retrier();
    // The lead's termination lands between the retry's read and its move.
    const repository = Object.create(office.repository) as typeof office.repository;
    repository.updateStage = async (...args: Parameters<typeof office.repository.updateStage>) => {
      await putAt(office, "TERMINATED");
      return office.repository.updateStage(...args);
    };
    const result = await retryFailedStep(
      { ...office.deps(), repository, retrier: workflows },
      P,
      LEAD_PRINCIPAL,
      graphs,
    );
    expect(result).toEqual({ ok: false, reason: "moved" });
    expect((await office.repository.getDecision(P, open.decision.decisionId))?.retiredAt).toBeUndefined();
    expect(workflows.started).toEqual([]);
  });

  it("refuses a partnership that does not need attention, and one that does not exist", async () => {
    const deps = { ...office.deps(), retrier: retrier() };
    expect(await retryFailedStep(deps, P, LEAD_PRINCIPAL, graphs)).toEqual({
      ok: false,
      reason: "not-needing-attention",
      stage: "VETTING",
    });
    await expect(retryFailedStep(deps, "01KAW0000000000000000000ZZ", LEAD_PRINCIPAL, graphs)).rejects.toThrow(
      /No partnership/,
    );
  });
});
