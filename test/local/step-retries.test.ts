/**
 * Workflow steps that fail after their state write, then run again as Step Functions retries them (or run
 * again after succeeding, when the answer was lost): every state change is recorded in the ledger exactly
 * once, and every notice reaches its reader. Real DynamoDB (dynalite, the deployed table's model); the faults
 * are injected at the repository and the mailer.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { loadAppConfig } from "#shared/config/app-config.ts";
import { DEFAULT_NEEDS_REGISTER } from "#shared/config/needs-register.ts";
import { LinkReplacedError, LinkUsedError } from "#shared/domain/errors.ts";
import { idFromSecret, newId } from "#shared/domain/ids.ts";
import { type EventDraft, verifyLedger } from "#shared/domain/ledger.ts";
import { awaitedDecision } from "#shared/domain/partnership.ts";
import type { EmailMessage, Mailer } from "#shared/ports/mailer.ts";
import type { PartnershipRepository } from "#shared/ports/partnership-repository.ts";
import { closeAndResume } from "#shared/services/decide.ts";
import { resolveForDisplay, resolveToDecide } from "#shared/services/decision-links.ts";
import { openStep } from "#shared/services/open-step.ts";
import { runAssessment } from "#shared/services/run-assessment.ts";
import { recordFailure, recordOutcome } from "#shared/services/workflow-steps.ts";
import { STEPS } from "#shared/steps/index.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { useLocalRepository } from "./local-repository.ts";

const local = useLocalRepository("step-retries");
let repository: DynamoDbPartnershipRepository;
beforeAll(() => {
  repository = local.current();
});

const config = loadAppConfig({
  TABLE_NAME: "partnerflow",
  PUBLIC_BASE_URL: "https://partners.example.org",
  SENDER_EMAIL: "partnerships@example.org",
  OFFICER_EMAILS: "officer@example.org",
  OFFICE_EMAIL: "office@example.org",
});
const clock = { now: () => new Date() };

/** An error as Step Functions retries it (TRANSIENT_ERRORS), thrown where a real call would have failed. */
function throttled(): Error {
  return Object.assign(new Error("Rate exceeded"), { name: "ProvisionedThroughputExceededException" });
}

/** The repository, with `method` failing its first `times` calls; the calls before and after are real. */
function failing<K extends keyof PartnershipRepository>(method: K, times = 1): PartnershipRepository {
  let left = times;
  return new Proxy(repository, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== method || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (left-- > 0) return Promise.reject(throttled());
        return value.apply(target, args);
      };
    },
  });
}

/** A mailer that keeps what it sends, and fails its first `failures` sends as SES does when throttled. */
function mailbox(failures = 0): Mailer & { sent: EmailMessage[] } {
  let left = failures;
  const sent: EmailMessage[] = [];
  return {
    sent,
    async send(message) {
      if (left-- > 0)
        throw Object.assign(new Error("Maximum sending rate exceeded."), { name: "Throttling" });
      sent.push(message);
    },
  };
}

/** A partnership as an accepted intake leaves it: SUBMITTED, its ledger begun. */
async function submitted(): Promise<string> {
  const id = newId();
  const at = new Date().toISOString();
  const intake = makeIntake({ organisation: { name: `Retry Test ${id}` } });
  await repository.createPartnership({
    id,
    stage: "SUBMITTED",
    organisationName: intake.organisation.name,
    intake,
    intakeVersion: 1,
    assessmentRound: 0,
    submittedAt: at,
    updatedAt: at,
  });
  await repository.beginLedger({
    partnershipId: id,
    at,
    actor: "partner",
    type: "IntakeSubmitted",
    data: {},
  });
  return id;
}

/** The ledger's state events (the emails' EmailSent left out: emailsOf lists them), checked whole. */
async function ledgerOf(id: string) {
  const events = await repository.listEvents(id);
  expect(verifyLedger(events)).toMatchObject({ ok: true });
  return events
    .filter((e) => e.type !== "EmailSent")
    .map((e) => [e.type, e.data.to ?? e.data.round ?? e.data.error ?? null]);
}

/** The templates of the emails the ledger records as sent. */
async function emailsOf(id: string) {
  return (await repository.listEvents(id)).filter((e) => e.type === "EmailSent").map((e) => e.data.template);
}

describe("the partnership with the end of its ledger, in one read", () => {
  it("gives the item and the newest events in order, never a decision, and nothing for an unknown id", async () => {
    const id = await submitted();
    await runAssessment({ repository, clock, needsRegister: DEFAULT_NEEDS_REGISTER }, id, "AssessNeeds");
    const at = new Date().toISOString();
    await repository.putDecision({
      partnershipId: id,
      decisionId: newId(),
      kind: "intake-review",
      assignee: "officer@example.org",
      linkTokenHash: "0".repeat(64),
      taskToken: "token",
      createdAt: at,
      dueAt: at,
      expiresAt: at,
      status: "open",
    });
    const two = await repository.getPartnershipWithTail(id, 2);
    expect(two.partnership).toMatchObject({ id, stage: "ASSESSING" });
    expect(two.tail.map((e) => [e.seq, e.type])).toEqual([
      [2, "StageChanged"],
      [3, "NeedsAssessed"],
    ]);
    expect((await repository.getPartnershipWithTail(id, 5)).tail.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await repository.getPartnershipWithTail(newId(), 2)).toEqual({ partnership: undefined, tail: [] });
  });
});

describe("a workflow step run again after a failure", () => {
  it("assessment: the ledger write failed after the round was stored; the retry records it once, as round 1", async () => {
    const id = await submitted();
    const deps = { clock, needsRegister: DEFAULT_NEEDS_REGISTER };
    await expect(
      runAssessment({ ...deps, repository: failing("appendEventsOnce") }, id, "AssessNeeds"),
    ).rejects.toThrow("Rate exceeded");
    expect((await repository.getPartnership(id))?.pending?.events.map((e) => e.type)).toEqual([
      "StageChanged",
      "NeedsAssessed",
    ]);

    await runAssessment({ ...deps, repository }, id, "AssessNeeds");
    const p = await repository.getPartnership(id);
    expect(p).toMatchObject({ stage: "ASSESSING", assessmentRound: 1, assessedIntakeVersion: 1 });
    expect(p?.pending).toBeUndefined();
    expect(await ledgerOf(id)).toEqual([
      ["IntakeSubmitted", null],
      ["StageChanged", "ASSESSING"],
      ["NeedsAssessed", 1],
    ]);
  });

  it("assessment: a repeat after success (its answer lost) neither counts a second round nor records again", async () => {
    const id = await submitted();
    const deps = { repository, clock, needsRegister: DEFAULT_NEEDS_REGISTER };
    await runAssessment(deps, id, "AssessNeeds");
    await runAssessment(deps, id, "AssessNeeds");
    expect(await repository.getPartnership(id)).toMatchObject({ assessmentRound: 1 });
    expect(await ledgerOf(id)).toEqual([
      ["IntakeSubmitted", null],
      ["StageChanged", "ASSESSING"],
      ["NeedsAssessed", 1],
    ]);
  });

  it("assessment: when only the first of its two events was written, the retry writes the second", async () => {
    const id = await submitted();
    let appends = 0;
    // The first attempt's ledger write stops after one event, as a crash between the two puts would.
    const halfway = new Proxy(repository, {
      get(target, name, receiver) {
        if (name !== "appendEventsOnce") return Reflect.get(target, name, receiver);
        return async (...args: Parameters<PartnershipRepository["appendEventsOnce"]>) => {
          if (appends++ > 0) return target.appendEventsOnce(...args);
          await target.appendEvent(args[0][0] as EventDraft);
          throw throttled();
        };
      },
    });
    const deps = { clock, needsRegister: DEFAULT_NEEDS_REGISTER };
    await expect(runAssessment({ ...deps, repository: halfway }, id, "AssessNeeds")).rejects.toThrow();
    await runAssessment({ ...deps, repository: halfway }, id, "AssessNeeds");
    expect(await ledgerOf(id)).toEqual([
      ["IntakeSubmitted", null],
      ["StageChanged", "ASSESSING"],
      ["NeedsAssessed", 1],
    ]);
  });

  it("outcome: SES refused the partner's email after the stage moved; the retry sends it, the move is recorded once", async () => {
    const id = await submitted();
    await runAssessment({ repository, clock, needsRegister: DEFAULT_NEEDS_REGISTER }, id, "AssessNeeds");
    const mailer = mailbox(1);
    const deps = { repository, clock, config, mailer };
    const input = { partnershipId: id, outcome: "approved" as const };
    await expect(recordOutcome(deps, input, "ApproveForVetting")).rejects.toThrow("Maximum sending rate");
    expect((await repository.getPartnership(id))?.stage).toBe("VETTING");
    expect(mailer.sent).toEqual([]);

    await recordOutcome(deps, input, "ApproveForVetting");
    expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [["priya.raman@harbourviewsupplies.ca"], `The Retry Test ${id} partnership moves on to vetting`],
    ]);
    expect((await ledgerOf(id)).slice(-1)).toEqual([["StageChanged", "VETTING"]]);
    // The refused email is not recorded; the one the retry sent is, once.
    expect(await emailsOf(id)).toEqual(["approved"]);
    expect((await repository.getPartnership(id))?.pending).toBeUndefined();

    // A further repeat (an answer lost again) sends nothing more.
    await recordOutcome(deps, input, "ApproveForVetting");
    expect(mailer.sent).toHaveLength(1);
  });

  it("outcome: if clearing the owed effects fails after the email went out, the retry may send it again but records nothing twice", async () => {
    const id = await submitted();
    await runAssessment({ repository, clock, needsRegister: DEFAULT_NEEDS_REGISTER }, id, "AssessNeeds");
    const mailer = mailbox();
    const input = { partnershipId: id, outcome: "declined" as const, comment: "Outside our catchment" };
    await expect(
      recordOutcome(
        { repository: failing("clearPending"), clock, config, mailer },
        input,
        "DeclinePartnership",
      ),
    ).rejects.toThrow();
    await recordOutcome({ repository, clock, config, mailer }, input, "DeclinePartnership");
    expect(mailer.sent.map((m) => m.text.includes("Outside our catchment"))).toEqual([true, true]);
    expect((await ledgerOf(id)).filter(([type]) => type === "StageChanged")).toEqual([
      ["StageChanged", "ASSESSING"],
      ["StageChanged", "DECLINED"],
    ]);
  });

  it("failure: records what the failed step still owed first, then the failure, once, and tells the office", async () => {
    const id = await submitted();
    await expect(
      runAssessment(
        { repository: failing("appendEventsOnce"), clock, needsRegister: DEFAULT_NEEDS_REGISTER },
        id,
        "AssessNeeds",
      ),
    ).rejects.toThrow();
    const mailer = mailbox(1);
    const deps = { repository, clock, config, mailer };
    const input = { partnershipId: id, error: "States.TaskFailed", cause: "the assessment failed" };
    await expect(recordFailure(deps, input, "RecordWorkflowFailure")).rejects.toThrow();
    await recordFailure(deps, input, "RecordWorkflowFailure");
    await recordFailure(deps, input, "RecordWorkflowFailure");
    expect(await ledgerOf(id)).toEqual([
      ["IntakeSubmitted", null],
      ["StageChanged", "ASSESSING"],
      ["NeedsAssessed", 1],
      ["WorkflowFailed", "States.TaskFailed"],
      // The workflow no longer keeps its stage (issue 13).
      ["StageChanged", "NEEDS_ATTENTION"],
    ]);
    // The lead is told, or with no lead configured (as here) the office.
    expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [["office@example.org"], `Needs attention: Retry Test ${id}`],
    ]);
  });

  it("outcome: another writer appends between the failed attempt and its retry; the move is still recorded once", async () => {
    const id = await submitted();
    await runAssessment({ repository, clock, needsRegister: DEFAULT_NEEDS_REGISTER }, id, "AssessNeeds");
    const mailer = mailbox(1);
    const deps = { repository, clock, config, mailer };
    const input = { partnershipId: id, outcome: "expired" as const };
    await expect(recordOutcome(deps, input, "ExpireUndecided")).rejects.toThrow();
    // A late decision POST records itself after the StageChanged the failed attempt appended.
    await repository.appendEvent({
      partnershipId: id,
      at: new Date().toISOString(),
      actor: "officer:o@example.org",
      type: "OfficerDecided",
      data: {},
    });
    await recordOutcome(deps, input, "ExpireUndecided");
    expect((await ledgerOf(id)).slice(3)).toEqual([
      ["StageChanged", "EXPIRED"],
      ["OfficerDecided", null],
    ]);
    expect(mailer.sent.map((m) => m.subject)).toEqual([`Expired without a decision: Retry Test ${id}`]);
  });

  it("assessment: two retries running at once complete what the failed attempt owed once between them", async () => {
    for (let round = 0; round < 3; round++) {
      const id = await submitted();
      const deps = { clock, needsRegister: DEFAULT_NEEDS_REGISTER };
      await expect(
        runAssessment({ ...deps, repository: failing("appendEventsOnce") }, id, "AssessNeeds"),
      ).rejects.toThrow();
      await Promise.all([
        runAssessment({ ...deps, repository }, id, "AssessNeeds"),
        runAssessment({ ...deps, repository }, id, "AssessNeeds"),
      ]);
      expect(await ledgerOf(id)).toEqual([
        ["IntakeSubmitted", null],
        ["StageChanged", "ASSESSING"],
        ["NeedsAssessed", 1],
      ]);
    }
  });

  it("failure: when what the failed step owed cannot be done (SES rejects the email for good), the failure is still recorded and reported", async () => {
    const id = await submitted();
    await runAssessment({ repository, clock, needsRegister: DEFAULT_NEEDS_REGISTER }, id, "AssessNeeds");
    const rejecting: Mailer & { sent: EmailMessage[] } = {
      sent: [],
      async send(message) {
        if (message.subject.includes("moves on to vetting")) {
          throw Object.assign(new Error("Email address is not verified: someone@example.org"), {
            name: "MessageRejected",
          });
        }
        this.sent.push(message);
      },
    };
    const deps = { repository, clock, config, mailer: rejecting };
    const input = { partnershipId: id, outcome: "approved" as const };
    await expect(recordOutcome(deps, input, "ApproveForVetting")).rejects.toThrow("not verified");
    await recordFailure(
      deps,
      { partnershipId: id, error: "MessageRejected", cause: "…" },
      "RecordWorkflowFailure",
    );

    const events = await repository.listEvents(id);
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    expect(
      events
        .slice(3)
        .filter((e) => e.type !== "EmailSent")
        .map((e) => [e.type, e.data.to ?? e.data.stillOwed]),
    ).toEqual([
      ["StageChanged", "VETTING"],
      ["WorkflowFailed", "the approved email (MessageRejected)"],
    ]);
    // The office's failure email is recorded; the partner's, which SES rejected, is not.
    expect(await emailsOf(id)).toEqual(["failure"]);
    expect(rejecting.sent.map((m) => [m.to, m.subject])).toEqual([
      [["office@example.org"], `Onboarding needs attention: partnership ${id}`],
    ]);
    expect(rejecting.sent[0]?.text).toContain("not done: the approved email (MessageRejected)");
    expect(rejecting.sent[0]?.text).not.toContain("someone@example.org");
    // The email is still owed, for someone to look into; the failure is done.
    expect(await repository.getPartnership(id)).toMatchObject({
      pending: { notice: { kind: "approved" } },
      failurePending: undefined,
    });
  });

  it("failure: a passing fault while completing the failed step's debt is tried again at once; then the failure is recorded", async () => {
    const id = await submitted();
    await runAssessment({ repository, clock, needsRegister: DEFAULT_NEEDS_REGISTER }, id, "AssessNeeds");
    const mailer = mailbox();
    const outcome = { partnershipId: id, outcome: "approved" as const };
    await expect(
      recordOutcome(
        { repository: failing("appendEventsOnce"), clock, config, mailer },
        outcome,
        "ApproveForVetting",
      ),
    ).rejects.toThrow();
    const failure = { partnershipId: id, error: "ProvisionedThroughputExceededException", cause: "…" };
    await recordFailure(
      { repository: failing("appendEventsOnce"), clock, config, mailer },
      failure,
      "RecordWorkflowFailure",
    );
    expect((await ledgerOf(id)).slice(3)).toEqual([
      ["StageChanged", "VETTING"],
      ["WorkflowFailed", "ProvisionedThroughputExceededException"],
      ["StageChanged", "NEEDS_ATTENTION"],
    ]);
    const failed = (await repository.listEvents(id)).findLast((e) => e.type === "WorkflowFailed");
    expect(failed?.data.stillOwed).toBeUndefined();
    expect(failed?.data.from).toBe("VETTING");
    expect(mailer.sent.map((m) => m.subject)).toEqual([
      `The Retry Test ${id} partnership moves on to vetting`,
      `Needs attention: Retry Test ${id}`,
    ]);
  });

  it("failure: when the debt keeps failing, the failure is recorded and reported all the same, naming what is owed", async () => {
    const id = await submitted();
    await runAssessment({ repository, clock, needsRegister: DEFAULT_NEEDS_REGISTER }, id, "AssessNeeds");
    // The stage move's event cannot be written, however often it is tried; other events can.
    const stuck = new Proxy(repository, {
      get(target, name, receiver) {
        if (name !== "appendEventsOnce") return Reflect.get(target, name, receiver);
        return (...args: Parameters<PartnershipRepository["appendEventsOnce"]>) =>
          args[0][0]?.type === "StageChanged"
            ? Promise.reject(throttled())
            : target.appendEventsOnce(...args);
      },
    });
    const mailer = mailbox();
    const deps = { repository: stuck, clock, config, mailer };
    await expect(
      recordOutcome(deps, { partnershipId: id, outcome: "approved" }, "ApproveForVetting"),
    ).rejects.toThrow();
    const failure = { partnershipId: id, error: "ProvisionedThroughputExceededException", cause: "…" };
    await recordFailure(deps, failure, "RecordWorkflowFailure");
    expect((await ledgerOf(id)).slice(3)).toEqual([
      ["WorkflowFailed", "ProvisionedThroughputExceededException"],
    ]);
    // The failure, then the office's email about it.
    const [failed, emailed] = (await repository.listEvents(id)).slice(-2);
    expect(failed?.data.stillOwed).toBe(
      "ledger events and the approved email (ProvisionedThroughputExceededException)",
    );
    expect(emailed?.data).toMatchObject({ template: "failure", recipients: [{ role: "office" }] });
    expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [["office@example.org"], `Onboarding needs attention: partnership ${id}`],
    ]);
  });

  it("failure of a partnership that does not exist: the office is told, and no ledger is started for it", async () => {
    const id = newId();
    const mailer = mailbox();
    await recordFailure(
      { repository, clock, config, mailer },
      { partnershipId: id, error: "PartnershipNotFoundError", cause: `No partnership ${id}` },
      "RecordWorkflowFailure",
    );
    expect(mailer.sent.map((m) => m.subject)).toEqual([`Onboarding needs attention: partnership ${id}`]);
    expect(await repository.listEvents(id)).toEqual([]);
  });
});

/**
 * The officer-decision step run with this task token, as open-step runs it: the link it emailed, if any, and
 * the decision as stored.
 */
async function requestOfficerDecision(partnershipId: string, taskToken: string) {
  const mailer = mailbox();
  const { decisionId } = await openStep({ repository, clock, config, mailer }, STEPS, {
    partnershipId,
    kind: "intake-review",
    state: "AwaitOfficerDecision",
    taskToken,
    timeoutSeconds: 86_400,
  });
  const url = /https:\/\/\S+\/decisions\/[A-Za-z0-9_-]{43}/.exec(mailer.sent[0]?.text ?? "")?.[0];
  const decision = await repository.getDecision(partnershipId, decisionId);
  if (!decision) throw new Error(`No decision ${decisionId}`);
  return { url, decision };
}

const LINK = (url: string | undefined) => ({ token: url?.split("/").at(-1) ?? "", linkPath: "/decisions" });

describe("a callback step retried by Step Functions (each attempt has its own task token)", () => {
  it("the retry's decision replaces the first attempt's: one decision awaited, the first link refused", async () => {
    const id = await submitted();
    await runAssessment({ repository, clock, needsRegister: DEFAULT_NEEDS_REGISTER }, id, "AssessNeeds");
    const deps = { repository, clock, config };
    const request = (taskToken: string) => requestOfficerDecision(id, taskToken);
    // The first attempt stored its decision and link (and may have emailed it), then failed.
    const first = await request(`first-attempt-${id}`);
    // A POST reading the first link before the retry, and closing it after, must not decide either.
    const early = await resolveToDecide(deps, STEPS, LINK(first.url));
    const retry = await request(`retry-attempt-${id}`);

    expect(retry.decision.decisionId).not.toBe(first.decision.decisionId);
    const record = await repository.getPartnershipRecord(id);
    expect(
      record?.decisions.find((d) => d.decisionId === first.decision.decisionId)?.retiredAt,
    ).toBeDefined();
    expect(awaitedDecision("ASSESSING", record?.decisions ?? [], new Date())?.decisionId).toBe(
      retry.decision.decisionId,
    );
    await expect(resolveForDisplay(deps, STEPS, LINK(first.url))).rejects.toThrow(LinkReplacedError);
    await expect(resolveForDisplay(deps, STEPS, LINK(retry.url))).resolves.toMatchObject({
      decision: { decisionId: retry.decision.decisionId },
    });
    const resumer = { resume: vi.fn(async () => {}) };
    await expect(
      closeAndResume(
        { repository, clock, resumer },
        early,
        { outcome: "approve", comment: "", actor: "officer" },
        {},
      ),
    ).rejects.toThrow(LinkUsedError);
    expect(resumer.resume).not.toHaveBeenCalled();

    const requests = (await repository.listEvents(id)).filter((e) => e.type === "OfficerDecisionRequested");
    expect(requests.map((e) => e.data)).toEqual([
      expect.objectContaining({ decisionId: first.decision.decisionId }),
      expect.objectContaining({
        decisionId: retry.decision.decisionId,
        replaces: [first.decision.decisionId],
      }),
    ]);
    expect(requests[0]?.data).not.toHaveProperty("replaces");
    await ledgerOf(id);
  });
});

describe("a callback step replayed after it stopped between opening its decision and retiring the older one", () => {
  it("retires the older decision on the replay (a reissue of its own decision)", async () => {
    const id = await submitted();
    const request = (taskToken: string) => requestOfficerDecision(id, taskToken);
    const first = await request(`first-${id}`);
    // The retry stored its decision and stopped there.
    const retryToken = `retry-${id}`;
    await repository.putDecision({
      ...first.decision,
      decisionId: idFromSecret(retryToken),
      taskToken: retryToken,
    });
    expect((await repository.getDecision(id, first.decision.decisionId))?.retiredAt).toBeUndefined();
    const replayed = await request(retryToken);
    expect(replayed.url).toBeDefined();
    expect((await repository.getDecision(id, first.decision.decisionId))?.retiredAt).toBeDefined();
    const record = await repository.getPartnershipRecord(id);
    expect(awaitedDecision("ASSESSING", record?.decisions ?? [], new Date())?.decisionId).toBe(
      idFromSecret(retryToken),
    );
  });
});

describe("a late replay of an attempt that a later attempt replaced", () => {
  it("sends nothing and leaves the later attempt's decision open", async () => {
    const id = await submitted();
    const request = (taskToken: string) => requestOfficerDecision(id, taskToken);
    const first = await request(`first-${id}`);
    const second = await request(`second-${id}`);
    const replay = await request(`first-${id}`);
    expect(replay.url).toBeUndefined();
    expect((await repository.getDecision(id, second.decision.decisionId))?.retiredAt).toBeUndefined();
    expect((await repository.getDecision(id, first.decision.decisionId))?.linkTokenHash).toBe(
      first.decision.linkTokenHash,
    );
    const record = await repository.getPartnershipRecord(id);
    expect(awaitedDecision("ASSESSING", record?.decisions ?? [], new Date())?.decisionId).toBe(
      second.decision.decisionId,
    );
  });
});

describe("the acknowledgement's claim, on real DynamoDB", () => {
  it("is refused while another request's claim is fresh, taken over once stale, given up, and ends once sent", async () => {
    const id = await submitted();
    const t0 = Date.parse("2026-11-23T10:00:00.000Z");
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    const staleBefore = (ms: number) => at(ms - 60_000);
    expect(await repository.claimAcknowledgement(id, at(0), staleBefore(0))).toBe(true);
    expect(await repository.claimAcknowledgement(id, at(30_000), staleBefore(30_000))).toBe(false);
    expect(await repository.claimAcknowledgement(id, at(61_000), staleBefore(61_000))).toBe(true);
    // Only the holder's release counts.
    await repository.releaseAcknowledgement(id, at(0));
    expect(await repository.claimAcknowledgement(id, at(62_000), staleBefore(62_000))).toBe(false);
    await repository.releaseAcknowledgement(id, at(61_000));
    expect(await repository.claimAcknowledgement(id, at(63_000), staleBefore(63_000))).toBe(true);
    expect(await repository.markOnce(id, "acknowledged", at(64_000))).toBe(true);
    expect(await repository.claimAcknowledgement(id, at(999_000), staleBefore(999_000))).toBe(false);
    expect(await repository.getPartnership(id)).toMatchObject({
      acknowledgedAt: at(64_000),
      acknowledgementClaimedAt: at(63_000),
    });
  });
});
