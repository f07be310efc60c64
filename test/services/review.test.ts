/**
 * The periodic review's tasks on the in-memory repository (record-outcome's review outcomes): it begins only on an
 * active partnership, once per round; each end moves the stage once, records ReviewCompleted and tells whom it
 * should; the overdue steps tell the lead (and the office).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { addDays, todayIn } from "#shared/domain/calendar-dates.ts";
import type { LedgerEvent } from "#shared/domain/ledger.ts";
import { nextReviewDueOn } from "#shared/domain/review.ts";
import { describeEvent } from "#shared/events/registry.ts";
import { beginReview } from "#shared/services/review.ts";
import { recordOutcome } from "#shared/services/workflow-steps.ts";
import { STATE } from "#workflows/onboarding/states.ts";
import { AMENDMENT_STATES, REVIEW_STATE as S } from "#workflows/review/states.ts";
import { endingDeps, endP, InMemoryReviewSchedules, putAt } from "../fixtures/leaving.ts";
import { LEAD, Office, P } from "../fixtures/onboarding-office.ts";

const ROUND = "2027-11-23";
let office: Office;

beforeEach(async () => {
  office = await Office.approved();
  await office.move("vetted", STATE.confirmVetting);
  await office.move("authority-confirmed", STATE.prepareForSigning);
  await office.move("activated", STATE.activatePartnership);
  office.sent.splice(0);
});

const begin = () => beginReview(office.deps(), { partnershipId: P, round: ROUND }, S.beginReview);
const end = (outcome: Parameters<typeof recordOutcome>[1]["outcome"], state: string, comment?: string) =>
  recordOutcome(
    office.deps(),
    { partnershipId: P, outcome, round: ROUND, ...(comment ? { comment } : {}) },
    state,
  );
const typesOf = async (type: string) =>
  (await office.events()).filter((e) => e.type === type).map((e) => e.data);

describe("the periodic review's tasks", () => {
  it("begins an active partnership's review once: IN_REVIEW, ReviewStarted; a retry begins nothing more", async () => {
    expect(await begin()).toEqual({ started: true });
    expect(await begin()).toEqual({ started: true });
    expect((await office.partnership()).stage).toBe("IN_REVIEW");
    expect(await typesOf("ReviewStarted")).toEqual([{ round: ROUND, startedBy: "schedule" }]);
  });

  it("leaves a partnership that is not active as it is: not started, nothing recorded", async () => {
    await begin();
    const other = await beginReview(office.deps(), { partnershipId: P, round: "2028-11-23" }, S.beginReview);
    expect(other).toEqual({ started: false });
    expect(await typesOf("ReviewStarted")).toHaveLength(1);
  });

  it("renewed: ACTIVE again, ReviewCompleted with the next review's day, scheduled and recorded, the partner told", async () => {
    await begin();
    await end("review-renewed", S.recordRenewal, "A good year");
    await end("review-renewed", S.recordRenewal, "A good year");
    expect((await office.partnership()).stage).toBe("ACTIVE");
    // The deployment's cadence: this ledger's agreement was not issued (no terms in force).
    expect(await typesOf("ReviewCompleted")).toEqual([
      { round: ROUND, outcome: "renew", nextReviewOn: "2027-11-23" },
    ]);
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([
      { partnershipId: P, kind: "review", dueOn: "2027-11-23" },
    ]);
    expect(office.sent.map((m) => [m.to, m.subject])).toEqual([
      [[office.intake.contact.email], expect.stringMatching(/partnership is renewed$/)],
    ]);
    expect(office.sent[0]?.text).toContain("The office wrote: “A good year”");
  });

  it("amended: SIGNING, the change recorded; the partner told the new version comes", async () => {
    await begin();
    await end("review-amend", S.startAmendment, "Add a second placement");
    expect((await office.partnership()).stage).toBe("SIGNING");
    expect(await typesOf("ReviewCompleted")).toEqual([
      { round: ROUND, outcome: "amend", reason: "Add a second placement" },
    ]);
    expect(office.sent.map((m) => m.subject)).toEqual([expect.stringMatching(/agreement is to be amended$/)]);
  });

  it("an amendment declined: ACTIVE again (not DECLINED), AmendmentDeclined with the round, the lead and the partner told, the next review at the cadence from today", async () => {
    office.clock.set("2027-11-23T14:00:00.000Z");
    await begin();
    await end("review-amend", S.startAmendment, "Add a second placement");
    office.clock.advance({ days: 10 });
    office.sent.splice(0);
    await end("amendment-declined", STATE.declinePartnership, "The partner declined the new terms");
    await end("amendment-declined", STATE.declinePartnership, "The partner declined the new terms");
    expect((await office.partnership()).stage).toBe("ACTIVE");
    const moves = (await typesOf("StageChanged")).slice(-2);
    expect(moves).toEqual([
      { from: "IN_REVIEW", to: "SIGNING", outcome: "review-amend" },
      { from: "SIGNING", to: "ACTIVE", outcome: "amendment-declined" },
    ]);
    expect(await typesOf("AmendmentDeclined")).toEqual([
      { round: ROUND, reason: "The partner declined the new terms" },
    ]);
    // The review that began this round had fallen due (its day is over): the next is at the cadence from today.
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([
      { partnershipId: P, kind: "review", dueOn: "2028-12-03" },
    ]);
    expect((await typesOf("ScheduleSet")).at(-1)).toEqual({ kind: "review", dueOn: "2028-12-03" });
    expect((await typesOf("ScheduleSet")).filter((d) => d.dueOn === "2028-12-03")).toHaveLength(1);
    // Told once each, however often the task ran: the lead (to review again or terminate) and the partner.
    expect(office.sent.map((m) => [m.to, m.subject])).toEqual([
      [[LEAD], expect.stringMatching(/^Amendment declined: /)],
      [[office.intake.contact.email], expect.stringMatching(/agreement is not amended$/)],
    ]);
    expect(office.sent[0]?.text).toContain("start another review");
    expect(office.sent[0]?.text).toContain("terminate the partnership");
    const emails = (await typesOf("EmailSent")).filter((d) => d.template === "amendment-declined");
    expect(emails.map((d) => d.recipients)).toMatchObject([[{ role: "lead" }], [{ role: "partner" }]]);
  });

  it("an amendment that lapsed (a signing step timed out): ACTIVE again, recorded as lapsed; only the partner told here (the lead was, at the timeout)", async () => {
    await begin();
    await end("review-amend", S.startAmendment, "Add a second placement");
    office.sent.splice(0);
    await end("amendment-lapsed", AMENDMENT_STATES.lapseAmendment);
    await end("amendment-lapsed", AMENDMENT_STATES.lapseAmendment);
    expect((await office.partnership()).stage).toBe("ACTIVE");
    expect((await typesOf("StageChanged")).at(-1)).toEqual({
      from: "SIGNING",
      to: "ACTIVE",
      outcome: "amendment-lapsed",
    });
    expect(await typesOf("AmendmentDeclined")).toEqual([{ round: ROUND, lapsed: true }]);
    const events = await office.repository.listEvents(P);
    expect(describeEvent(events.findLast((e) => e.type === "AmendmentDeclined") as LedgerEvent)).toMatch(
      /lapsed: a signing step was not done in time; the agreement in force stays/,
    );
    expect(office.sent.map((m) => [m.to, m.subject])).toEqual([
      [[office.intake.contact.email], expect.stringMatching(/agreement is not amended$/)],
    ]);
    expect(office.sent[0]?.text).toContain("(it was not signed in time)");
    expect((await typesOf("ScheduleSet")).at(-1)).toMatchObject({ kind: "review" });
  });

  it("an amendment declined replaces a review set for the next day while it needed attention: the next at the cadence", async () => {
    const schedules = new InMemoryReviewSchedules();
    const deps = { ...office.deps(), reviewSchedules: schedules };
    await begin();
    await end("review-amend", S.startAmendment, "Add a second placement");
    // The amendment's workflow failed: a review falls due meanwhile and is set for the next day.
    await putAt(office, "NEEDS_ATTENTION");
    const zone = deps.config.TIME_ZONE;
    const tomorrow = addDays(todayIn(office.now, zone), 1);
    await beginReview(deps, { partnershipId: P, round: "2027-11-24" }, S.beginReview);
    expect([...schedules.live]).toEqual([`${P}/${tomorrow}`]);
    // The lead retried, and the new terms were declined the same day: not a new round the day after.
    await putAt(office, "SIGNING");
    await recordOutcome(
      deps,
      { partnershipId: P, outcome: "amendment-declined", round: ROUND, comment: "Not workable" },
      STATE.declinePartnership,
    );
    expect((await office.partnership()).stage).toBe("ACTIVE");
    const next = nextReviewDueOn(todayIn(office.now, zone), deps.config.REVIEW_CADENCE_MONTHS);
    expect([...schedules.live]).toEqual([`${P}/${next}`]);
    expect(schedules.calls.at(-1)).toEqual(["schedule", P, next, tomorrow]);
    expect((await typesOf("ScheduleSet")).at(-1)).toEqual({ kind: "review", dueOn: next });
  });

  it("an onboarding's decline is unchanged: SIGNING → DECLINED", async () => {
    await putAt(office, "SIGNING");
    await end("declined", STATE.declinePartnership, "Not authorised");
    expect((await office.partnership()).stage).toBe("DECLINED");
    expect(await typesOf("AmendmentDeclined")).toEqual([]);
  });

  it("terminated: TERMINATED, the partner told with the reason, the schedule removed", async () => {
    await begin();
    await end("review-terminated", S.terminate, "No placements in a year");
    expect((await office.partnership()).stage).toBe("TERMINATED");
    expect(office.sent.map((m) => m.to)).toEqual([[office.intake.contact.email]]);
    expect(office.sent[0]?.text).toContain("No placements in a year");
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([]);
  });

  it("the self-assessment not given: the lead told once, then EXPIRED with the partner and the office told", async () => {
    await begin();
    await end("review-self-assessment-overdue", S.selfAssessmentOverdue);
    await end("review-self-assessment-overdue", S.selfAssessmentOverdue);
    await end("review-expired", S.expireReview);
    expect((await office.partnership()).stage).toBe("EXPIRED");
    expect(office.sent.map((m) => m.to)).toEqual([
      [LEAD],
      [office.intake.contact.email],
      ["office@example.org"],
    ]);
    expect(await typesOf("ReviewCompleted")).toEqual([{ round: ROUND, outcome: "expired" }]);
  });

  it("the evaluation overdue even escalated: the lead and the office told, the stage unchanged", async () => {
    await begin();
    await end("review-evaluation-overdue", S.evaluationOverdue);
    expect((await office.partnership()).stage).toBe("IN_REVIEW");
    expect(office.sent.map((m) => m.to)).toEqual([[LEAD, "office@example.org"]]);
    expect(await typesOf("ReviewEvaluationOverdue")).toEqual([{ round: ROUND }]);
  });

  it("a renewal that finishes after a termination: stays TERMINATED, no review scheduled, nothing recorded", async () => {
    await begin();
    await endP(office, "terminated", "Closed");
    office.sent.splice(0);
    await end("review-renewed", S.recordRenewal, "A good year");
    expect((await office.partnership()).stage).toBe("TERMINATED");
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([]);
    expect(await typesOf("ReviewCompleted")).toEqual([]);
    const sets = (await typesOf("ScheduleSet")).filter((d) => d.kind === "review");
    expect(sets.at(-1)?.dueOn).toBeNull();
    expect(office.sent).toEqual([]);
  });

  it("an activation that finishes after a withdrawal schedules no review", async () => {
    await begin();
    await end("review-amend", S.startAmendment, "Add a second placement");
    await endP(office, "withdrawn", "We stop");
    await end("activated", S.recordRenewal);
    expect((await office.partnership()).stage).toBe("WITHDRAWN");
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([]);
    const sets = (await typesOf("ScheduleSet")).filter((d) => d.kind === "review");
    expect(sets.at(-1)?.dueOn).toBeNull();
  });

  it("the review's overdue steps after an ending: no one told, nothing recorded", async () => {
    await begin();
    await endP(office, "withdrawn", "We stop");
    office.sent.splice(0);
    await end("review-self-assessment-overdue", S.selfAssessmentOverdue);
    await end("review-evaluation-overdue", S.evaluationOverdue);
    expect(office.sent).toEqual([]);
    expect(await typesOf("ReviewSelfAssessmentOverdue")).toEqual([]);
    expect(await typesOf("ReviewEvaluationOverdue")).toEqual([]);
  });

  it("falls due while the partnership needs attention: set again for the next day, recorded once", async () => {
    await putAt(office, "NEEDS_ATTENTION");
    const tomorrow = addDays(todayIn(office.now, office.deps().config.TIME_ZONE), 1);
    expect(await begin()).toEqual({ started: false });
    expect(await begin()).toEqual({ started: false });
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([
      { partnershipId: P, kind: "review", dueOn: tomorrow },
    ]);
    const sets = (await typesOf("ScheduleSet")).filter((d) => d.kind === "review");
    expect(sets.filter((d) => d.dueOn === tomorrow)).toHaveLength(1);
    expect(await typesOf("ReviewStarted")).toEqual([]);
  });

  it("falls due while it needs attention, day after day: each next day a new schedule, replacing the day that ran", async () => {
    const schedules = new InMemoryReviewSchedules();
    const deps = { ...office.deps(), reviewSchedules: schedules };
    await putAt(office, "NEEDS_ATTENTION");
    const zone = deps.config.TIME_ZONE;
    const first = addDays(todayIn(office.now, zone), 1);
    // The activation's day (the round) runs, and cannot begin: set for the next day, the day that ran deleted.
    expect(await beginReview(deps, { partnershipId: P, round: ROUND }, S.beginReview)).toEqual({
      started: false,
    });
    office.clock.advance({ days: 1 });
    expect(await beginReview(deps, { partnershipId: P, round: first }, S.beginReview)).toEqual({
      started: false,
    });
    const second = addDays(first, 1);
    expect(schedules.calls).toEqual([
      ["schedule", P, first, ROUND],
      ["schedule", P, second, first],
    ]);
    expect([...schedules.live]).toEqual([`${P}/${second}`]);
    const sets = (await typesOf("ScheduleSet")).filter((d) => d.kind === "review").map((d) => d.dueOn);
    expect(sets).toEqual([ROUND, first, second]);
  });

  /** A round under way whose partnership needed attention meanwhile: a review was set for the next day. */
  async function roundUnderWayWithReviewDue(schedules: InMemoryReviewSchedules) {
    const deps = { ...office.deps(), reviewSchedules: schedules };
    await begin();
    await putAt(office, "NEEDS_ATTENTION");
    const tomorrow = addDays(todayIn(office.now, deps.config.TIME_ZONE), 1);
    await beginReview(deps, { partnershipId: P, round: "2027-11-24" }, S.beginReview);
    // The lead retried: the round goes on; the next day's review runs (a one-time schedule, gone once run).
    await putAt(office, "IN_REVIEW");
    office.clock.advance({ days: 1 });
    schedules.ran(P, tomorrow);
    schedules.calls.splice(0);
    return { deps, tomorrow };
  }

  it("falls due during another round's review: covered by it, nothing started or set again, recorded once", async () => {
    const schedules = new InMemoryReviewSchedules();
    const { deps, tomorrow } = await roundUnderWayWithReviewDue(schedules);
    const before = (await office.events()).length;
    for (let day = 0; day < 2; day++)
      expect(await beginReview(deps, { partnershipId: P, round: tomorrow }, S.beginReview)).toEqual({
        started: false,
      });
    expect(schedules.calls).toEqual([]);
    expect(schedules.live.size).toBe(0);
    const added = (await office.events()).slice(before);
    expect(added.map((e) => [e.type, e.data])).toEqual([
      ["ScheduleSet", { kind: "review", dueOn: null, coveredBy: ROUND }],
    ]);
    // The auditor's timeline says why.
    expect(describeEvent(added[0] ?? { type: "", data: {} })).toBe(
      `The review that fell due is covered by the review round under way (round ${ROUND}): not scheduled again; that round schedules the next`,
    );
    expect((await office.partnership()).stage).toBe("IN_REVIEW");
    expect(await typesOf("ReviewStarted")).toEqual([{ round: ROUND, startedBy: "schedule" }]);
  });

  it("the round that covered it schedules the next review when renewed, the only one live", async () => {
    const schedules = new InMemoryReviewSchedules();
    const { deps, tomorrow } = await roundUnderWayWithReviewDue(schedules);
    await beginReview(deps, { partnershipId: P, round: tomorrow }, S.beginReview);
    await recordOutcome(deps, { partnershipId: P, outcome: "review-renewed", round: ROUND }, S.recordRenewal);
    const next = (await typesOf("ReviewCompleted")).at(-1)?.nextReviewOn as string;
    expect(next).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(schedules.calls).toEqual([["schedule", P, next, undefined]]);
    expect([...schedules.live]).toEqual([`${P}/${next}`]);
    expect((await typesOf("ScheduleSet")).at(-1)).toEqual({ kind: "review", dueOn: next });
  });

  it("the round that covered it schedules the next review when an amendment is signed and active again", async () => {
    const schedules = new InMemoryReviewSchedules();
    const { deps, tomorrow } = await roundUnderWayWithReviewDue(schedules);
    await beginReview(deps, { partnershipId: P, round: tomorrow }, S.beginReview);
    await recordOutcome(
      deps,
      { partnershipId: P, outcome: "review-amend", round: ROUND, comment: "Add a placement" },
      S.startAmendment,
    );
    expect(schedules.calls).toEqual([]);
    await recordOutcome(deps, { partnershipId: P, outcome: "activated", round: ROUND }, S.recordRenewal);
    expect((await office.partnership()).stage).toBe("ACTIVE");
    const set = (await typesOf("ScheduleSet")).at(-1);
    expect(set).toEqual({ kind: "review", dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(schedules.calls).toEqual([["schedule", P, set?.dueOn, undefined]]);
    expect([...schedules.live]).toEqual([`${P}/${set?.dueOn}`]);
  });

  it("falls due while the round's amendment is signed: covered by that round, nothing set again; its decline sets the next at the cadence", async () => {
    const schedules = new InMemoryReviewSchedules();
    const { deps, tomorrow } = await roundUnderWayWithReviewDue(schedules);
    await recordOutcome(
      deps,
      { partnershipId: P, outcome: "review-amend", round: ROUND, comment: "Add a placement" },
      S.startAmendment,
    );
    const before = (await office.events()).length;
    for (let day = 0; day < 2; day++) {
      expect(await beginReview(deps, { partnershipId: P, round: tomorrow }, S.beginReview)).toEqual({
        started: false,
      });
      office.clock.advance({ days: 1 });
    }
    expect(schedules.calls).toEqual([]);
    expect(schedules.live.size).toBe(0);
    expect((await office.events()).slice(before).map((e) => [e.type, e.data])).toEqual([
      ["ScheduleSet", { kind: "review", dueOn: null, coveredBy: ROUND }],
    ]);
    expect((await office.partnership()).stage).toBe("SIGNING");
    await recordOutcome(
      deps,
      { partnershipId: P, outcome: "amendment-declined", round: ROUND, comment: "Not workable" },
      STATE.declinePartnership,
    );
    const next = nextReviewDueOn(
      todayIn(office.now, deps.config.TIME_ZONE),
      deps.config.REVIEW_CADENCE_MONTHS,
    );
    expect(schedules.calls).toEqual([["schedule", P, next, undefined]]);
    expect([...schedules.live]).toEqual([`${P}/${next}`]);
    expect((await typesOf("ScheduleSet")).at(-1)).toEqual({ kind: "review", dueOn: next });
  });

  /** A round whose amendment is signed, with the review's schedules in memory: its activation is next. */
  async function amendmentSigning(schedules: InMemoryReviewSchedules) {
    const deps = { ...office.deps(), reviewSchedules: schedules };
    await begin();
    await end("review-amend", S.startAmendment, "Add a placement");
    return deps;
  }
  const activate = (deps: ReturnType<Office["deps"]>) =>
    recordOutcome(deps, { partnershipId: P, outcome: "activated", round: ROUND }, S.recordRenewal);

  it("the next review's record failing, retried a day later: one schedule live, the day the ledger records", async () => {
    const schedules = new InMemoryReviewSchedules();
    const deps = await amendmentSigning(schedules);
    // The new version is signed ten days after the round began.
    office.clock.advance({ days: 10 });
    const append = office.repository.appendEvent.bind(office.repository);
    let failures = 1;
    const spy = vi.spyOn(office.repository, "appendEvent").mockImplementation(async (draft) => {
      if (draft.type === "ScheduleSet" && failures-- > 0) throw new Error("The ledger's head moved");
      return append(draft);
    });
    await expect(activate(deps)).rejects.toThrow("The ledger's head moved");
    office.clock.advance({ days: 1 });
    await activate(deps);
    spy.mockRestore();
    const recorded = (await typesOf("ScheduleSet")).at(-1)?.dueOn;
    expect(recorded).toBe(nextReviewDueOn(todayIn(office.now, deps.config.TIME_ZONE), 12));
    expect([...schedules.live]).toEqual([`${P}/${recorded}`]);
  });

  it("an ending after the next review's record leaves none live: the ending cancels the day recorded, none made after", async () => {
    const schedules = new InMemoryReviewSchedules();
    const deps = await amendmentSigning(schedules);
    const append = office.repository.appendEvent.bind(office.repository);
    let ending = true;
    const spy = vi.spyOn(office.repository, "appendEvent").mockImplementation(async (draft) => {
      const appended = await append(draft);
      if (ending && draft.type === "ScheduleSet" && typeof draft.data.dueOn === "string") {
        ending = false;
        await endP(office, "terminated", "Closed", endingDeps(office, undefined, schedules));
      }
      return appended;
    });
    await activate(deps);
    spy.mockRestore();
    expect((await office.partnership()).stage).toBe("TERMINATED");
    expect(schedules.live.size).toBe(0);
    expect((await typesOf("ScheduleSet")).at(-1)).toEqual({ kind: "review", dueOn: null });
  });

  it("an ending just before the next review's schedule is made (its cancel first): the schedule is deleted again", async () => {
    const schedules = new InMemoryReviewSchedules();
    const deps = await amendmentSigning(schedules);
    const create = schedules.schedule.bind(schedules);
    let ending = true;
    schedules.schedule = async (id, dueOn, replacing) => {
      if (ending) {
        ending = false;
        await endP(office, "terminated", "Closed", endingDeps(office, undefined, schedules));
      }
      return create(id, dueOn, replacing);
    };
    await activate(deps);
    expect((await office.partnership()).stage).toBe("TERMINATED");
    expect(schedules.live.size).toBe(0);
  });

  it("falls due on an ended partnership: nothing set again", async () => {
    await endP(office, "terminated", "Closed");
    expect(await begin()).toEqual({ started: false });
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([]);
  });
});
