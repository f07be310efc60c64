/**
 * Decisions made whose resume of the workflow was cut short, finished by the scheduled sweep: real DynamoDB
 * (dynalite, with the deployed table's indexes), the workflow port replaced by one that records what it is
 * resumed with and fails as told. The tests run in order and each leaves no unresumed decision behind, so
 * each sweep's report is exact.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { newId } from "#shared/domain/ids.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { hashToken, mintToken } from "#shared/domain/link-tokens.ts";
import { type Decision, type Resubmission, STALLED_AFTER_MS } from "#shared/domain/partnership.ts";
import { DecisionWindowClosedError, type TaskResumer } from "#shared/ports/workflow.ts";
import { closeAndResume } from "#shared/services/decide.ts";
import { type OpenLink, resolveToDecide } from "#shared/services/decision-links.ts";
import {
  GIVE_UP_RECORDING_AFTER_MS,
  resumeStalledDecisions,
} from "#shared/services/resume-stalled-decisions.ts";
import { STEPS, type StepKind } from "#shared/steps/index.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { useLocalRepository } from "./local-repository.ts";

const local = useLocalRepository("resume-sweep");
let repository: DynamoDbPartnershipRepository;
beforeAll(() => {
  repository = local.current();
});

/** A clock the test moves. */
function clockAt(start: Date) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

type Failure = "unreachable" | "window-closed";

/** Step Functions as the handlers see it: keeps each resume, or fails the next ones as told. */
function engine(...failures: Failure[]): TaskResumer & { resumed: { taskToken: string; output: unknown }[] } {
  const resumed: { taskToken: string; output: unknown }[] = [];
  return {
    resumed,
    async resume(taskToken, output) {
      const failure = failures.shift();
      if (failure === "window-closed") throw new DecisionWindowClosedError();
      if (failure === "unreachable")
        throw Object.assign(new Error("connect ETIMEDOUT"), { name: "TimeoutError" });
      resumed.push({ taskToken, output });
    },
  };
}

/** A partnership in assessment with an open decision, as open-step leaves it. */
async function awaitingDecision(at: Date, kind: Decision["kind"] = "intake-review") {
  const id = newId();
  const iso = at.toISOString();
  const intake = makeIntake({ organisation: { name: `Sweep Test ${id}` } });
  const partnership = {
    id,
    stage: "ASSESSING" as const,
    organisationName: intake.organisation.name,
    intake,
    intakeVersion: 1,
    assessmentRound: 1,
    submittedAt: iso,
    updatedAt: iso,
  };
  await repository.createPartnership(partnership);
  await repository.beginLedger({
    partnershipId: id,
    at: iso,
    actor: "partner",
    type: "IntakeSubmitted",
    data: {},
  });
  const { token } = mintToken();
  const due = new Date(at.getTime() + 5 * 86_400_000).toISOString();
  const decision: Decision = {
    partnershipId: id,
    decisionId: newId(),
    kind,
    assignee: kind === "intake-review" ? "officer@example.org" : "partner",
    linkTokenHash: hashToken(token),
    taskToken: `task-token-${id}`,
    createdAt: iso,
    dueAt: due,
    expiresAt: due,
    status: "open",
  };
  await repository.putDecision(decision);
  const link = {
    tokenHash: decision.linkTokenHash,
    purpose: "decision" as const,
    partnershipId: id,
    decisionId: decision.decisionId,
    expiresAt: due,
    singleUse: true,
  };
  await repository.putLink(link);
  return { open: { link, decision, partnership, step: STEPS[kind as StepKind] }, id, decision, token };
}

const APPROVE = { outcome: "approve", comment: "", actor: "officer:officer@example.org" };
const outputOf = (decision: Decision) => ({
  outcome: "approve",
  comment: "",
  decisionId: decision.decisionId,
});

/** A decision the officer made while Step Functions was unreachable: closed, recorded, noted as not resumed. */
async function decidedWhileEngineDown(clock: { now(): Date }) {
  const made = await awaitingDecision(clock.now());
  const deps = { repository, clock, resumer: engine("unreachable") };
  await expect(closeAndResume(deps, made.open, APPROVE, outputOf(made.decision))).rejects.toThrow(
    "ETIMEDOUT",
  );
  return made;
}

async function decisionOf(id: string, decisionId: string) {
  return repository.getDecision(id, decisionId);
}

async function decidedEvents(id: string) {
  const events = await repository.listEvents(id);
  expect(verifyLedger(events)).toMatchObject({ ok: true });
  return events.filter((e) => e.type === "OfficerDecided").map((e) => e.data.decisionId);
}

/** The partnership's ledger, checked. */
async function verifiedLedger(id: string) {
  const events = await repository.listEvents(id);
  expect(verifyLedger(events)).toMatchObject({ ok: true });
  return events;
}

/** The ledger of a partnership whose partner resubmitted once: the new version, then the decision. */
const RESUBMITTED = ["IntakeSubmitted", "IntakeResubmitted", "ResubmissionReceived"];

const unresumed = async () => (await repository.listUnresumedDecisions(100)).map((d) => d.decisionId);

describe("a decision whose resume went through", () => {
  it("is noted as resumed and is not among the unresumed decisions", async () => {
    const clock = clockAt(new Date());
    const { open, id, decision } = await awaitingDecision(clock.now());
    const workflow = engine();
    await closeAndResume({ repository, clock, resumer: workflow }, open, APPROVE, outputOf(decision));
    expect(workflow.resumed).toEqual([{ taskToken: decision.taskToken, output: outputOf(decision) }]);
    expect(await decisionOf(id, decision.decisionId)).toMatchObject({
      status: "decided",
      resumedAt: clock.now().toISOString(),
    });
    expect(await unresumed()).toEqual([]);
    clock.advance(STALLED_AFTER_MS * 10);
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toEqual({
      overdue: 0,
      resumed: 0,
      windowClosed: 0,
      failed: 0,
      deferred: 0,
    });
    expect(workflow.resumed).toHaveLength(1);
  });
});

describe("the sweep", () => {
  it("finishes at once a decision whose POST could not reach Step Functions", async () => {
    const clock = clockAt(new Date());
    const { id, decision } = await decidedWhileEngineDown(clock);
    expect(await unresumed()).toEqual([decision.decisionId]);

    const workflow = engine();
    clock.advance(1000); // the next run, however soon: the POST said it failed
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toEqual({
      overdue: 1,
      resumed: 1,
      windowClosed: 0,
      failed: 0,
      deferred: 0,
    });
    expect(workflow.resumed).toEqual([{ taskToken: decision.taskToken, output: outputOf(decision) }]);
    expect(await decisionOf(id, decision.decisionId)).toMatchObject({ resumedAt: clock.now().toISOString() });
    expect(await decidedEvents(id)).toEqual([decision.decisionId]);
    expect(await unresumed()).toEqual([]);
  });

  it("leaves a decision just made to its POST, then finishes it once the POST cannot still be running", async () => {
    const clock = clockAt(new Date());
    const { id, decision } = await awaitingDecision(clock.now());
    // The POST closed the decision and crashed before it recorded it or resumed anything.
    const decidedAt = clock.now().toISOString();
    await repository.closeDecision(decision, {
      outcome: "approve",
      comment: "",
      decidedAt,
      decidedBy: APPROVE.actor,
      resumeOutput: JSON.stringify(outputOf(decision)),
    });
    const workflow = engine();
    clock.advance(STALLED_AFTER_MS - 1000);
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toMatchObject({
      overdue: 0,
    });
    expect(workflow.resumed).toEqual([]);

    clock.advance(1000);
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toMatchObject({
      overdue: 1,
      resumed: 1,
    });
    expect(workflow.resumed).toEqual([{ taskToken: decision.taskToken, output: outputOf(decision) }]);
    // The ledger event the crash left out is written, with the decision's own time.
    const events = await repository.listEvents(id);
    expect(events.filter((e) => e.type === "OfficerDecided")).toEqual([
      expect.objectContaining({
        at: decidedAt,
        data: expect.objectContaining({ decisionId: decision.decisionId }),
      }),
    ]);
    expect(await unresumed()).toEqual([]);
  });

  it("notes a resume the engine refuses (the step timed out meanwhile) and does not try it again", async () => {
    const clock = clockAt(new Date());
    const { id, decision } = await decidedWhileEngineDown(clock);
    const workflow = engine("window-closed");
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toEqual({
      overdue: 1,
      resumed: 0,
      windowClosed: 1,
      failed: 0,
      deferred: 0,
    });
    expect(await decisionOf(id, decision.decisionId)).toMatchObject({
      resumeWindowClosedAt: clock.now().toISOString(),
    });
    expect((await decisionOf(id, decision.decisionId))?.resumedAt).toBeUndefined();
    expect(await unresumed()).toEqual([]);
  });

  it("keeps a decision it could not finish for the next run, and goes on with the others", async () => {
    const clock = clockAt(new Date());
    const first = await decidedWhileEngineDown(clock);
    clock.advance(10); // decided one after the other: the sweep takes the oldest first
    const second = await decidedWhileEngineDown(clock);
    const workflow = engine("unreachable");
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toEqual({
      overdue: 2,
      resumed: 1,
      windowClosed: 0,
      failed: 1,
      deferred: 0,
    });
    expect(workflow.resumed.map((r) => r.taskToken)).toEqual([second.decision.taskToken]);
    expect(await unresumed()).toEqual([first.decision.decisionId]);

    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toMatchObject({
      resumed: 1,
    });
    expect(workflow.resumed.map((r) => r.taskToken)).toEqual([
      second.decision.taskToken,
      first.decision.taskToken,
    ]);
    expect(await decidedEvents(first.id)).toEqual([first.decision.decisionId]);
    expect(await unresumed()).toEqual([]);
  });

  it("looks at most at one batch per run, the oldest decisions first", async () => {
    const clock = clockAt(new Date());
    const made: Decision[] = [];
    for (let i = 0; i < 3; i++) {
      made.push((await decidedWhileEngineDown(clock)).decision);
      clock.advance(10);
    }
    const workflow = engine();
    expect(
      await resumeStalledDecisions({ repository, clock, resumer: workflow }, { batch: 2 }),
    ).toMatchObject({
      resumed: 2,
    });
    expect(workflow.resumed.map((r) => r.taskToken)).toEqual(made.slice(0, 2).map((d) => d.taskToken));
    expect(
      await resumeStalledDecisions({ repository, clock, resumer: workflow }, { batch: 2 }),
    ).toMatchObject({
      resumed: 1,
    });
    expect(await unresumed()).toEqual([]);
  });
});

/** The engine as it is: a task token resumes once; a second resume of it is refused. */
function onceEngine(): TaskResumer & { resumed: string[] } {
  const resumed: string[] = [];
  return {
    resumed,
    async resume(taskToken) {
      if (resumed.includes(taskToken)) throw new DecisionWindowClosedError();
      resumed.push(taskToken);
    },
  };
}

/**
 * The repository, with getPartnershipRecord holding each caller until `callers` have read, then letting them
 * go on one after another, 100 ms apart: each has read the record before any has written, and each writes
 * after the one before it has finished.
 */
function readTogether(callers: number): DynamoDbPartnershipRepository {
  let waiting = 0;
  const all = Promise.withResolvers<void>();
  return new Proxy(repository, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== "getPartnershipRecord" || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const read = await value.apply(target, args);
        const place = waiting++;
        if (waiting === callers) all.resolve();
        await all.promise;
        await new Promise((resolve) => setTimeout(resolve, place * 100));
        return read;
      };
    },
  });
}

/** What a POST that crashed right after closing the decision leaves: decided, unrecorded, unresumed. */
async function closedByCrashedPost(
  decision: Decision,
  decidedAt: string,
  actor = APPROVE.actor,
  resubmission?: Resubmission,
) {
  await repository.closeDecision(decision, {
    outcome: resubmission ? "resubmitted" : "approve",
    comment: "",
    decidedAt,
    decidedBy: actor,
    resumeOutput: JSON.stringify(outputOf(decision)),
    resubmission,
  });
}

/** A partner's corrected intake: version 2 of the partnership's, named `name`. */
const corrected = (name: string): Resubmission => ({
  intakeVersion: 2,
  intake: makeIntake({ organisation: { name } }),
});

describe("the sweep, further", () => {
  it("two runs at once (the scheduler delivers at least once) record, resume and note the decision once", async () => {
    const clock = clockAt(new Date());
    const { id, decision } = await awaitingDecision(clock.now());
    await closedByCrashedPost(decision, clock.now().toISOString());
    clock.advance(STALLED_AFTER_MS);
    const workflow = onceEngine();
    const together = readTogether(2);
    const reports = await Promise.all([
      resumeStalledDecisions({ repository: together, clock, resumer: workflow }),
      resumeStalledDecisions({ repository: together, clock, resumer: workflow }),
    ]);
    expect(reports.map((r) => [r.resumed, r.windowClosed]).sort()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(workflow.resumed).toEqual([decision.taskToken]);
    expect(await decidedEvents(id)).toEqual([decision.decisionId]);
    const noted = await decisionOf(id, decision.decisionId);
    expect(noted?.resumedAt).toBe(clock.now().toISOString());
    expect(noted?.resumeWindowClosedAt).toBeUndefined();
    expect(await unresumed()).toEqual([]);
  });

  it("finishes a partner's resubmission too: its intake applied and recorded, then ResubmissionReceived", async () => {
    const clock = clockAt(new Date());
    const { id, decision } = await awaitingDecision(clock.now(), "resubmission");
    const decidedAt = clock.now().toISOString();
    const resubmission = corrected(`Corrected ${id}`);
    await closedByCrashedPost(decision, decidedAt, "partner", resubmission);
    // The crashed POST had not applied the intake: the partnership still has the first version.
    expect((await repository.getPartnership(id))?.intakeVersion).toBe(1);
    clock.advance(STALLED_AFTER_MS);
    const workflow = engine();
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toMatchObject({
      resumed: 1,
    });
    expect(workflow.resumed).toEqual([{ taskToken: decision.taskToken, output: outputOf(decision) }]);
    const partnership = await repository.getPartnership(id);
    expect(partnership).toMatchObject({ intakeVersion: 2, organisationName: `Corrected ${id}` });
    expect(partnership?.intake).toEqual(resubmission.intake);
    const events = await repository.listEvents(id);
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    expect(events.slice(1)).toEqual([
      expect.objectContaining({
        at: decidedAt,
        actor: "partner",
        step: "AwaitPartnerResubmission",
        type: "IntakeResubmitted",
        data: { intakeVersion: 2, intake: resubmission.intake, decisionId: decision.decisionId },
      }),
      expect.objectContaining({ at: decidedAt, actor: "partner", type: "ResubmissionReceived" }),
    ]);
    expect(await unresumed()).toEqual([]);
  });

  it("notes a decision past its expiry as closed without asking the engine: the step has timed out", async () => {
    const clock = clockAt(new Date());
    const { id, decision } = await awaitingDecision(clock.now());
    await closedByCrashedPost(decision, clock.now().toISOString());
    clock.advance(Date.parse(decision.expiresAt) - clock.now().getTime());
    const workflow = engine();
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toEqual({
      overdue: 1,
      resumed: 0,
      windowClosed: 1,
      failed: 0,
      deferred: 0,
    });
    expect(workflow.resumed).toEqual([]);
    expect(await decisionOf(id, decision.decisionId)).toMatchObject({
      resumeWindowClosedAt: clock.now().toISOString(),
    });
    // Made in time, so recorded all the same.
    expect(await decidedEvents(id)).toEqual([decision.decisionId]);
    expect(await unresumed()).toEqual([]);
  });

  it("keeps a partner's answers sent in time though the sweep reaches them after the expiry: applied and recorded", async () => {
    const clock = clockAt(new Date());
    const { id, decision } = await awaitingDecision(clock.now(), "resubmission");
    // Sent a minute before the window closed; the POST was cut short after it spent the link.
    clock.advance(Date.parse(decision.expiresAt) - clock.now().getTime() - 60_000);
    const resubmission = corrected(`In Time ${id}`);
    await closedByCrashedPost(decision, clock.now().toISOString(), "partner", resubmission);
    clock.advance(5 * 60_000);
    const workflow = engine();
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toMatchObject({
      windowClosed: 1,
      failed: 0,
    });
    expect(workflow.resumed).toEqual([]);
    expect(await repository.getPartnership(id)).toMatchObject({
      intakeVersion: 2,
      organisationName: `In Time ${id}`,
    });
    const events = await verifiedLedger(id);
    expect(events.map((e) => e.type)).toEqual(RESUBMITTED);
    expect(await unresumed()).toEqual([]);
  });

  it("writes nothing more for a resubmission already recorded, though later answers have moved the intake on", async () => {
    const clock = clockAt(new Date());
    const { id, decision, open } = await awaitingDecision(clock.now(), "resubmission");
    // The POST recorded everything and resumed the workflow, but the note of the resume was lost.
    const lostNote = new Proxy(repository, {
      get: (target, name, receiver) =>
        name === "noteResumeEnded" ? async () => {} : Reflect.get(target, name, receiver),
    });
    const resubmission = corrected(`Recorded ${id}`);
    await closeAndResume(
      { repository: lostNote, clock, resumer: engine() },
      open,
      { outcome: "resubmitted", comment: "", actor: "partner", resubmission },
      { decisionId: decision.decisionId, intakeVersion: 2 },
    );
    // The workflow went on: another round made version 3.
    expect(
      await repository.applyIntakeVersion(
        id,
        corrected(`Later ${id}`).intake,
        3,
        clock.now().toISOString(),
        "LATER",
      ),
    ).toBe(true);
    const before = (await repository.listEvents(id)).map((e) => e.type);
    clock.advance(STALLED_AFTER_MS);
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => lines.push(line));
    await resumeStalledDecisions({ repository, clock, resumer: engine("window-closed") });
    vi.restoreAllMocks();
    expect((await repository.listEvents(id)).map((e) => e.type)).toEqual(before);
    expect(before).toEqual(["IntakeSubmitted", "IntakeResubmitted", "ResubmissionReceived"]);
    expect(lines).toEqual([]);
    expect(await repository.getPartnership(id)).toMatchObject({ intakeVersion: 3 });
  });

  it("gives up recording a decision past its expiry a day after the first failure, with an error line", async () => {
    const clock = clockAt(new Date());
    const { decision } = await awaitingDecision(clock.now());
    await closedByCrashedPost(decision, clock.now().toISOString());
    clock.advance(Date.parse(decision.expiresAt) - clock.now().getTime() + 60_000);
    // The ledger cannot be written (say, a stored event that no longer parses).
    const broken = new Proxy(repository, {
      get: (target, name, receiver) =>
        name === "appendEventsOnce"
          ? async () => {
              throw Object.assign(new Error("broken"), { name: "LedgerConflictError" });
            }
          : Reflect.get(target, name, receiver),
    });
    expect(await resumeStalledDecisions({ repository: broken, clock, resumer: engine() })).toMatchObject({
      failed: 1,
    });
    expect(await unresumed()).toEqual([decision.decisionId]);
    const firstFailure = clock.now().toISOString();
    expect(await decisionOf(decision.partnershipId, decision.decisionId)).toMatchObject({
      recordFailedAt: firstFailure,
    });
    // Still tried a moment before the day is up.
    clock.advance(GIVE_UP_RECORDING_AFTER_MS - 60_000);
    expect(await resumeStalledDecisions({ repository: broken, clock, resumer: engine() })).toMatchObject({
      failed: 1,
    });
    clock.advance(60_000);
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => lines.push(line));
    expect(await resumeStalledDecisions({ repository: broken, clock, resumer: engine() })).toMatchObject({
      windowClosed: 1,
      failed: 0,
    });
    vi.restoreAllMocks();
    expect(lines.join("\n")).toContain("gave up recording a decision past its expiry");
    expect(await unresumed()).toEqual([]);
    expect(await decisionOf(decision.partnershipId, decision.decisionId)).toMatchObject({
      recordFailedAt: firstFailure,
    });
  });

  it("does not give up at the first failure, though the sweep first reaches the decision days past its expiry", async () => {
    const clock = clockAt(new Date());
    const { id, decision } = await awaitingDecision(clock.now());
    await closedByCrashedPost(decision, clock.now().toISOString());
    // The sweep was down for days.
    clock.advance(Date.parse(decision.expiresAt) - clock.now().getTime() + 3 * GIVE_UP_RECORDING_AFTER_MS);
    let failures = 1;
    const flaky = new Proxy(repository, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver);
        if (name !== "appendEventsOnce" || typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          if (failures-- > 0) throw Object.assign(new Error("busy"), { name: "LedgerConflictError" });
          return value.apply(target, args);
        };
      },
    });
    expect(await resumeStalledDecisions({ repository: flaky, clock, resumer: engine() })).toMatchObject({
      failed: 1,
      windowClosed: 0,
    });
    clock.advance(5 * 60_000);
    expect(await resumeStalledDecisions({ repository: flaky, clock, resumer: engine() })).toMatchObject({
      failed: 0,
      windowClosed: 1,
    });
    expect(await decidedEvents(id)).toEqual([decision.decisionId]);
    expect(await unresumed()).toEqual([]);
  });

  it("records, without an intake version, answers whose version other answers took meanwhile (a retried step)", async () => {
    const clock = clockAt(new Date());
    const { id, decision } = await awaitingDecision(clock.now(), "resubmission");
    const first = corrected(`First Answers ${id}`);
    await closedByCrashedPost(decision, clock.now().toISOString(), "partner", first);
    // Meanwhile a second resubmission (opened by a retry of the step) made other answers version 2.
    const other = corrected(`Other Answers ${id}`);
    expect(await repository.applyIntakeVersion(id, other.intake, 2, clock.now().toISOString(), "OTHER")).toBe(
      true,
    );
    clock.advance(STALLED_AFTER_MS);
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => lines.push(line));
    await resumeStalledDecisions({ repository, clock, resumer: engine() });
    vi.restoreAllMocks();
    expect(await repository.getPartnership(id)).toMatchObject({
      intakeVersion: 2,
      organisationName: `Other Answers ${id}`,
    });
    const events = await repository.listEvents(id);
    expect(events.map((e) => e.type)).toEqual(["IntakeSubmitted", "ResubmissionReceived"]);
    expect(events[1]?.data).toMatchObject({ decisionId: decision.decisionId, intakeSuperseded: true });
    expect(lines.join("\n")).toContain("a resubmission's intake version holds other answers");
    expect(lines.join("\n")).not.toContain("First Answers");
  });

  it("out of time, tries no more decisions and reports them deferred; the next run takes them", async () => {
    const clock = clockAt(new Date());
    const { decision } = await awaitingDecision(clock.now());
    await closedByCrashedPost(decision, clock.now().toISOString());
    clock.advance(STALLED_AFTER_MS);
    const workflow = engine();
    const deadline = clock.now().getTime();
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow }, { deadline })).toEqual({
      overdue: 0,
      resumed: 0,
      windowClosed: 0,
      failed: 0,
      deferred: 1,
    });
    expect(workflow.resumed).toEqual([]);
    expect(await resumeStalledDecisions({ repository, clock, resumer: workflow })).toMatchObject({
      resumed: 1,
    });
    expect(await unresumed()).toEqual([]);
  });
});

describe("the deciding POST on real DynamoDB", () => {
  it("chains the decision's event after one another writer appended since the link was read, once", async () => {
    const clock = clockAt(new Date());
    const { id, decision, token } = await awaitingDecision(clock.now());
    const open = await resolveToDecide({ repository, clock }, STEPS, { token, linkPath: "/decisions" });
    expect(open.head).toMatchObject({ seq: 1, type: "IntakeSubmitted" });
    // Between the read and the decision, the workflow appends (e.g. a repeated step reissuing the link).
    await repository.appendEvent({
      partnershipId: id,
      at: clock.now().toISOString(),
      actor: "system:workflow",
      step: "AwaitOfficerDecision",
      type: "OfficerDecisionRequested",
      data: { decisionId: decision.decisionId, reissued: true },
    });
    const workflow = engine();
    await closeAndResume({ repository, clock, resumer: workflow }, open, APPROVE, outputOf(decision));
    const events = await repository.listEvents(id);
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, "IntakeSubmitted"],
      [2, "OfficerDecisionRequested"],
      [3, "OfficerDecided"],
    ]);
    expect(workflow.resumed).toHaveLength(1);
    expect(await unresumed()).toEqual([]);
  });

  it.each([false, true])(
    "reads no partnership for an unknown id, and the decision with its partnership otherwise (with head: %s)",
    async (withHead) => {
      expect(await repository.getDecisionAndPartnership("01KAW00000000000000000NONE", "D", withHead)).toEqual(
        {
          decision: undefined,
          partnership: undefined,
          head: undefined,
        },
      );
      const { id, decision } = await awaitingDecision(new Date());
      const read = await repository.getDecisionAndPartnership(id, decision.decisionId, withHead);
      expect(read.decision).toMatchObject({ decisionId: decision.decisionId, status: "open" });
      expect(read.partnership).toMatchObject({ id, stage: "ASSESSING" });
      expect(read.head).toEqual(
        withHead ? expect.objectContaining({ seq: 1, type: "IntakeSubmitted" }) : undefined,
      );
    },
  );
});

describe("a partner's resubmission on real DynamoDB", () => {
  it("two POSTs of one link at once: the one that wins the link is the new intake; the other writes nothing", async () => {
    const clock = clockAt(new Date());
    const { id, token } = await awaitingDecision(clock.now(), "resubmission");
    // Both read the open link before either closes it: the race the link alone must settle.
    const read = () => resolveToDecide({ repository, clock }, STEPS, { token, linkPath: "/resubmit" });
    const [first, second] = await Promise.all([read(), read()]);
    const workflow = engine();
    const post = (open: OpenLink, name: string) =>
      closeAndResume(
        { repository, clock, resumer: workflow },
        open,
        { outcome: "resubmitted", comment: "", actor: "partner", resubmission: corrected(name) },
        { decisionId: open.decision.decisionId, intakeVersion: 2 },
      );
    const results = await Promise.allSettled([post(first, "Alpha Answers"), post(second, "Beta Answers")]);
    const won = results.findIndex((r) => r.status === "fulfilled");
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { name: "LinkUsedError" } });
    const winner = won === 0 ? "Alpha Answers" : "Beta Answers";
    const partnership = await repository.getPartnership(id);
    expect(partnership).toMatchObject({ intakeVersion: 2, organisationName: winner });
    const events = await verifiedLedger(id);
    expect(events.map((e) => e.type)).toEqual(RESUBMITTED);
    expect(events[1]?.data).toMatchObject({ intakeVersion: 2, intake: { organisation: { name: winner } } });
    expect(workflow.resumed).toHaveLength(1);
  });

  it("applies an intake version once: a repeat finds it there and changes nothing", async () => {
    const { id } = await awaitingDecision(new Date());
    const { intake } = corrected("Applied Once");
    const at = new Date().toISOString();
    expect(await repository.applyIntakeVersion(id, intake, 2, at, "D-FIRST")).toBe(true);
    expect(await repository.applyIntakeVersion(id, makeIntake(), 2, at, "D-SECOND")).toBe(false);
    expect(await repository.getPartnership(id)).toMatchObject({
      intakeVersion: 2,
      organisationName: "Applied Once",
      // Which decision set the version: what tells a late finisher whether the version is its own.
      intakeVersionBy: [{ version: 2, decisionId: "D-FIRST" }],
    });
  });
});
