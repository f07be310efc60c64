/**
 * open-step run again for a step it opened: replayed under the same task token (the local engine after a crash
 * between the Lambda's run and its journal record), or retried by Step Functions under a new one (an error after
 * the email went). With the link's sealed copy, the link already emailed stays the one that decides, and no
 * second email goes out unless the first was not recorded as sent. In-memory repository, a test clock.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { InMemoryPartnershipRepository } from "#shared/adapters/in-memory-repository.ts";
import { unsealedLinkVault } from "#shared/adapters/link-vault.ts";
import { idFromSecret } from "#shared/domain/ids.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { describeEvent } from "#shared/events/registry.ts";
import { TestClock } from "#shared/ports/clock.ts";
import type { EmailMessage } from "#shared/ports/mailer.ts";
import { DecisionWindowClosedError } from "#shared/ports/workflow.ts";
import { closeAndResume } from "#shared/services/decide.ts";
import { resolveToDecide } from "#shared/services/decision-links.ts";
import { openStep } from "#shared/services/open-step.ts";
import { decideStep, showStep } from "#shared/services/step-pages.ts";
import { STEPS } from "#shared/steps/index.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { CONFIG, P } from "../fixtures/step-view.ts";

const EXECUTION = `arn:aws:states:eu-west-1:123456789012:execution:onboarding:${P}`;
const RETRY_EXECUTION = `${EXECUTION}-retry-1`;

let repository: InMemoryPartnershipRepository;
let clock: TestClock;
let sent: EmailMessage[];
let failSends: number;
let resumed: string[];

function deps() {
  return {
    repository,
    clock,
    config: CONFIG,
    linkVault: unsealedLinkVault,
    mailer: {
      send: async (m: EmailMessage) => {
        if (failSends-- > 0)
          throw Object.assign(new Error("Maximum sending rate exceeded."), { name: "Throttling" });
        sent.push(m);
      },
    },
    resumer: { resume: async (taskToken: string) => void resumed.push(taskToken) },
  };
}

beforeEach(async () => {
  repository = new InMemoryPartnershipRepository();
  clock = new TestClock("2026-11-23T15:00:00.000Z");
  sent = [];
  failSends = 0;
  resumed = [];
  const intake = makeIntake({ organisation: { name: "Attempt Again Society" } });
  const at = clock.now().toISOString();
  await repository.createPartnership({
    id: P,
    stage: "ASSESSING",
    organisationName: intake.organisation.name,
    intake,
    intakeVersion: 1,
    assessmentRound: 1,
    submittedAt: at,
    updatedAt: at,
  });
  await repository.beginLedger({
    partnershipId: P,
    at,
    actor: "partner",
    type: "IntakeSubmitted",
    data: { stage: "SUBMITTED", intakeVersion: 1, intake: {} },
  });
});

/** The officer's intake review opened as the workflow's task does, with this task token, in this execution. */
function open(taskToken: string, executionId = EXECUTION) {
  return openStep(deps(), STEPS, {
    partnershipId: P,
    kind: "intake-review",
    state: "AwaitOfficerDecision",
    taskToken,
    timeoutSeconds: 7 * 86_400,
    dueSeconds: 3 * 86_400,
    executionId,
  });
}

/** The link paths in the emails sent so far. */
const links = () =>
  sent.map((m) => /https:\/\/partners\.example\.org(\/decisions\/[A-Za-z0-9_-]{43})/.exec(m.text)?.[1]);

const requestOf = (path: string | undefined) => ({
  token: path?.split("/").at(-1) ?? "",
  linkPath: "/decisions",
});

const approve = (path: string | undefined) =>
  decideStep(deps(), STEPS, requestOf(path), { noConflict: "yes", outcome: "approve", comment: "" });

const types = async () => (await repository.listEvents(P)).map((e) => e.type);

describe("open-step replayed under the same task token (the local engine, after a crash)", () => {
  it("keeps the link already emailed: no second email, nothing recorded twice, and that link decides", async () => {
    await open("TOKEN-A");
    const before = await repository.getDecision(P, idFromSecret("TOKEN-A"));
    expect(await open("TOKEN-A")).toEqual({ decisionId: idFromSecret("TOKEN-A"), emailed: false });

    expect(sent).toHaveLength(1);
    expect(await repository.getDecision(P, idFromSecret("TOKEN-A"))).toEqual(before);
    expect(await types()).toEqual(["IntakeSubmitted", "OfficerDecisionRequested", "EmailSent"]);
    expect((await approve(links()[0])).statusCode).toBe(200);
    expect(resumed).toEqual(["TOKEN-A"]);
  });

  it("emails the same link again when the first attempt's email did not go (SES refused it)", async () => {
    failSends = 1;
    await expect(open("TOKEN-A")).rejects.toThrow("Maximum sending rate exceeded.");
    expect(await open("TOKEN-A")).toMatchObject({ emailed: true });
    expect(sent).toHaveLength(1);
    const hash = (await repository.getDecision(P, idFromSecret("TOKEN-A")))?.linkTokenHash;
    expect(await repository.getLink(hash ?? "")).toBeDefined();
    // The request was recorded by the first attempt, the email by the second: once each.
    expect(await types()).toEqual(["IntakeSubmitted", "OfficerDecisionRequested", "EmailSent"]);
    expect((await approve(links()[0])).statusCode).toBe(200);
  });

  it("finishes a first attempt that stopped after storing its decision: the link, the request and the email", async () => {
    await open("TOKEN-A");
    // As if the first attempt had stopped right after storing the decision: no link, no event, no email.
    const stored = await repository.getDecision(P, idFromSecret("TOKEN-A"));
    const fresh = new InMemoryPartnershipRepository();
    const partnership = await repository.getPartnership(P);
    if (!stored || !partnership) throw new Error("Not opened");
    await fresh.createPartnership(partnership);
    await fresh.beginLedger({
      partnershipId: P,
      at: stored.createdAt,
      actor: "partner",
      type: "IntakeSubmitted",
      data: { stage: "SUBMITTED", intakeVersion: 1, intake: {} },
    });
    await fresh.putDecision(stored);
    repository = fresh;
    sent = [];

    expect(await open("TOKEN-A")).toMatchObject({ emailed: true });
    expect(await repository.getLink(stored.linkTokenHash)).toMatchObject({ decisionId: stored.decisionId });
    expect(await types()).toEqual(["IntakeSubmitted", "OfficerDecisionRequested", "EmailSent"]);
    expect((await showStep(deps(), STEPS, requestOf(links()[0]))).statusCode).toBe(200);
  });
});

describe("open-step retried by Step Functions (a new task token) in the same execution and state", () => {
  it("takes the open decision over: the emailed link decides and resumes the retry's task, no second email", async () => {
    await open("TOKEN-A");
    const first = await repository.getDecision(P, idFromSecret("TOKEN-A"));
    clock.advance({ ms: 4000 });
    expect(await open("TOKEN-B")).toEqual({ decisionId: idFromSecret("TOKEN-A"), emailed: false });

    expect(sent).toHaveLength(1);
    const taken = await repository.getDecision(P, idFromSecret("TOKEN-A"));
    expect(taken).toEqual({
      ...first,
      taskToken: "TOKEN-B",
      reattachedAt: clock.now().toISOString(),
    });
    expect(await repository.getDecision(P, idFromSecret("TOKEN-B"))).toBeUndefined();
    const events = await repository.listEvents(P);
    expect(events.map((e) => e.type)).toEqual([
      "IntakeSubmitted",
      "OfficerDecisionRequested",
      "EmailSent",
      "DecisionReattached",
    ]);
    expect(events[3]).toMatchObject({
      actor: "system:workflow",
      step: "AwaitOfficerDecision",
      data: { kind: "intake-review", decisionId: idFromSecret("TOKEN-A"), emailedAgain: false },
    });
    expect(describeEvent(events[3] ?? { type: "", data: {} })).toBe(
      "The intake-review step was retried and kept its open decision: the link already sent still decides (no new email)",
    );
    expect(verifyLedger(events)).toMatchObject({ ok: true });

    // The retry replayed (same new token) and a late replay of the first attempt: neither sends nor records.
    expect(await open("TOKEN-B")).toEqual({ decisionId: idFromSecret("TOKEN-A"), emailed: false });
    expect(await open("TOKEN-A")).toEqual({ decisionId: idFromSecret("TOKEN-A"), emailed: false });
    expect((await repository.getDecision(P, idFromSecret("TOKEN-A")))?.taskToken).toBe("TOKEN-B");
    expect(sent).toHaveLength(1);
    expect(await types()).toHaveLength(4);

    expect((await approve(links()[0])).statusCode).toBe(200);
    expect(resumed).toEqual(["TOKEN-B"]);
  });

  it("a POST that read the decision before the retry took it over resumes the retry's task", async () => {
    await open("TOKEN-A");
    const early = await resolveToDecide(deps(), STEPS, requestOf(links()[0]));
    await open("TOKEN-B");
    // The first attempt's task is gone: the engine refuses its token.
    const resumer = {
      resume: async (taskToken: string) => {
        if (taskToken === "TOKEN-A") throw new DecisionWindowClosedError();
        resumed.push(taskToken);
      },
    };
    await closeAndResume(
      { repository, clock, resumer },
      early,
      { outcome: "approve", comment: "", actor: "officer@example.org" },
      { outcome: "approve" },
    );
    expect(resumed).toEqual(["TOKEN-B"]);
  });

  it("emails the same link again when the first attempt failed at its email, and records that once", async () => {
    failSends = 1;
    await expect(open("TOKEN-A")).rejects.toThrow("Maximum sending rate exceeded.");
    expect(await open("TOKEN-B")).toEqual({ decisionId: idFromSecret("TOKEN-A"), emailed: true });
    expect(sent).toHaveLength(1);
    const events = await repository.listEvents(P);
    expect(events.map((e) => e.type)).toEqual([
      "IntakeSubmitted",
      "OfficerDecisionRequested",
      "DecisionReattached",
      "EmailSent",
    ]);
    expect(events[2]?.data).toMatchObject({ emailedAgain: true });
    expect((await approve(links()[0])).statusCode).toBe(200);
    expect(resumed).toEqual(["TOKEN-B"]);
  });

  it("another execution never takes the decision over: it opens its own and leaves the other's to that execution", async () => {
    // (A lead's retry of a failed workflow retires the failed execution's decisions itself: retry-workflow.ts.)
    await open("TOKEN-A");
    expect(await open("TOKEN-R", RETRY_EXECUTION)).toEqual({
      decisionId: idFromSecret("TOKEN-R"),
      emailed: true,
    });
    expect(sent).toHaveLength(2);
    expect((await repository.getDecision(P, idFromSecret("TOKEN-A")))?.retiredAt).toBeUndefined();
    expect((await approve(links()[1])).statusCode).toBe(200);
    expect(resumed).toEqual(["TOKEN-R"]);
  });

  it("replayed or taken over, leaves another execution's open step alone (a renewal's during a review)", async () => {
    await open("TOKEN-O", `${EXECUTION}-2027-renewal`);
    await open("TOKEN-A");
    await open("TOKEN-A");
    expect(await open("TOKEN-B")).toEqual({ decisionId: idFromSecret("TOKEN-A"), emailed: false });
    expect((await repository.getDecision(P, idFromSecret("TOKEN-O")))?.retiredAt).toBeUndefined();
    expect((await approve(links()[0])).statusCode).toBe(200);
    expect(resumed).toEqual(["TOKEN-O"]);
  });

  it("the same state asked again after its timeout, for the same assignee, is a new decision with a new email", async () => {
    // The review's evaluation: the lead's turn timed out and the lead is asked again, a moment before the first
    // decision's own expiry (open-step set it a little after the task's timeout).
    await open("TOKEN-A");
    clock.advance({ ms: 7 * 86_400_000 - 500 });
    expect(await open("TOKEN-B")).toEqual({ decisionId: idFromSecret("TOKEN-B"), emailed: true });
    expect(sent).toHaveLength(2);
    expect((await repository.getDecision(P, idFromSecret("TOKEN-A")))?.retiredAt).toBeDefined();
  });

  it("a decision past its expiry is not taken over: the step asked again opens a new one", async () => {
    await open("TOKEN-A");
    clock.advance({ days: 7 });
    expect(await open("TOKEN-B")).toEqual({ decisionId: idFromSecret("TOKEN-B"), emailed: true });
    expect(sent).toHaveLength(2);
    expect((await repository.getDecision(P, idFromSecret("TOKEN-A")))?.retiredAt).toBeDefined();
  });

  it("without the link's sealed copy (no vault) the retry opens a new decision, as before", async () => {
    const { linkVault: _none, ...withoutVault } = deps();
    await openStep(withoutVault, STEPS, {
      partnershipId: P,
      kind: "intake-review",
      state: "AwaitOfficerDecision",
      taskToken: "TOKEN-A",
      timeoutSeconds: 86_400,
      executionId: EXECUTION,
    });
    expect(await open("TOKEN-B")).toEqual({ decisionId: idFromSecret("TOKEN-B"), emailed: true });
    expect((await repository.getDecision(P, idFromSecret("TOKEN-A")))?.retiredAt).toBeDefined();
  });
});
