/**
 * The renewal of the vetting when a waiver ends, on the in-memory repository: the schedule the vetting's pass
 * sets, the sweep that starts the renewal once the partnership is active, the renewal's two steps (the same
 * pages and events as the vetting's), and its two ends, each recorded once per round.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { addDays } from "#shared/domain/calendar-dates.ts";
import { EVENTS } from "#shared/events/registry.ts";
import { startVettingRenewals } from "#shared/services/start-vetting-renewals.ts";
import type { RenewalOutcome } from "#shared/services/workflow-steps.ts";
import { recordFailure, recordOutcome } from "#shared/services/workflow-steps.ts";
import { STATE } from "#workflows/onboarding/states.ts";
import { REVETTING_STATE } from "#workflows/revetting/states.ts";
import { allVerified, CHECKLIST, Office, P } from "../fixtures/onboarding-office.ts";

let office: Office;
let started: { partnershipId: string; round: string }[];
let failStart: boolean;

const WAIVED_UNTIL = "2027-01-15";
const DUE = "2027-01-16";
/** The checklist's evidence (insurance, checks) expires years on: asked again 30 days before, lapsed the day after. */
const EXPIRY = CHECKLIST["liability-insurance.expiry"] ?? "";
const EVIDENCE_NOTICE = addDays(EXPIRY, -30);
const LAPSE = addDays(EXPIRY, 1);

/** The vetting renewals scheduled on or before `day` (the look for lapsed evidence aside). */
const renewalsDue = async (day = "2099-12-31") =>
  (await office.repository.listDueSchedules(day, 10)).filter((s) => s.kind === "vetting-renewal");

const waiving = (until = WAIVED_UNTIL) => ({
  ...allVerified(),
  "references.verdict": "waived",
  "references.reason": "Referees are away until January",
  "references.until": until,
});

beforeEach(async () => {
  office = await Office.approved();
  started = [];
  failStart = false;
});

function sweep() {
  return startVettingRenewals({
    ...office.deps(),
    renewals: {
      startRenewal: async (partnershipId: string, round: string) => {
        if (failStart) throw Object.assign(new Error("throttled"), { name: "ThrottlingException" });
        started.push({ partnershipId, round });
      },
    },
  });
}

/** Vetted with the references waived, then on to ACTIVE as the onboarding moves it. */
async function activeWithWaiver() {
  await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
  await office.decide("vetting-review", waiving());
  await office.move("vetted", STATE.confirmVetting);
  await office.move("authority-confirmed", STATE.prepareForSigning);
  await office.move("activated", STATE.activatePartnership);
}

const renewal = (outcome: RenewalOutcome, comment?: string, round = DUE) =>
  recordOutcome(
    office.deps(),
    { partnershipId: P, outcome, round, ...(comment ? { comment } : {}) },
    outcome === "at-risk" ? REVETTING_STATE.markAtRisk : REVETTING_STATE.recordRenewal,
  );

describe("the vetting renewal's schedule", () => {
  it("a vetting passed with a waiver schedules the renewal for the day after the waiver ends", async () => {
    await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
    await office.decide("vetting-review", waiving());
    await office.move("vetted", STATE.confirmVetting);
    expect(await office.repository.listDueSchedules(WAIVED_UNTIL, 10)).toEqual([]);
    expect(await office.repository.listDueSchedules(DUE, 10)).toEqual([
      { partnershipId: P, kind: "vetting-renewal", dueOn: DUE },
    ]);
    // The ledger records the schedule once, even when the step is run again (a retried task).
    await office.move("vetted", STATE.confirmVetting);
    const scheduled = (await office.repository.listEvents(P)).filter((e) => e.type === "ScheduleSet");
    expect(scheduled.map((e) => [e.data, e.step])).toEqual([
      [{ kind: "vetting-renewal", dueOn: DUE }, STATE.confirmVetting],
      [{ kind: "evidence-lapse", dueOn: LAPSE }, STATE.confirmVetting],
    ]);
  });

  it("a vetting passed with every item verified schedules the evidence's renewal and the look for its lapse", async () => {
    await office.vet();
    expect(
      (await office.repository.listDueSchedules("2099-12-31", 10)).filter((s) => s.kind !== "review"),
    ).toEqual([
      { partnershipId: P, kind: "vetting-renewal", dueOn: EVIDENCE_NOTICE },
      { partnershipId: P, kind: "evidence-lapse", dueOn: LAPSE },
    ]);
    const scheduled = (await office.events()).filter(
      (e) => e.type === "ScheduleSet" && e.data.kind !== "review",
    );
    expect(scheduled.map((e) => e.data)).toEqual([
      { kind: "vetting-renewal", dueOn: EVIDENCE_NOTICE },
      { kind: "evidence-lapse", dueOn: LAPSE },
    ]);
  });
});

describe("the sweep that starts renewals", () => {
  it("waits while the partnership is still onboarding, and starts the renewal once it is active, once", async () => {
    await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
    await office.decide("vetting-review", waiving());
    await office.move("vetted", STATE.confirmVetting);
    office.now = new Date(`${DUE}T15:00:00.000Z`);
    expect(await sweep()).toMatchObject({ started: 0, waiting: 1 });
    expect(started).toEqual([]);

    await office.move("authority-confirmed", STATE.prepareForSigning);
    await office.move("activated", STATE.activatePartnership);
    // A schedule that waited is looked at again the next day (so that it never holds up others).
    expect(await sweep()).toMatchObject({ started: 0, waiting: 0 });
    office.now = new Date("2027-01-17T15:00:00.000Z");
    expect(await sweep()).toMatchObject({ started: 1, waiting: 0 });
    expect(started).toEqual([{ partnershipId: P, round: "2027-01-17" }]);
    // Started once: the schedule is cleared.
    expect(await sweep()).toMatchObject({ started: 0 });
    expect(started).toHaveLength(1);
  });

  it("starts nothing before the day after the waiver ends (the office's time zone)", async () => {
    await activeWithWaiver();
    // 03:00 UTC on the 16th is still the 15th in Toronto.
    office.now = new Date(`${DUE}T03:00:00.000Z`);
    expect(await sweep()).toMatchObject({ started: 0, waiting: 0 });
    office.now = new Date(`${DUE}T06:00:00.000Z`);
    expect(await sweep()).toMatchObject({ started: 1 });
  });

  it("a start that fails leaves the schedule due, for the next run", async () => {
    await activeWithWaiver();
    office.now = new Date(`${DUE}T15:00:00.000Z`);
    failStart = true;
    expect(await sweep()).toMatchObject({ started: 0, failed: 1 });
    failStart = false;
    expect(await sweep()).toMatchObject({ started: 1 });
    expect(started).toEqual([{ partnershipId: P, round: DUE }]);
  });

  it("drops the schedule of a partnership that ended", async () => {
    await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
    await office.decide("vetting-review", waiving());
    await office.move("vetted", STATE.confirmVetting);
    await office.move("declined", STATE.declinePartnership);
    office.now = new Date(`${DUE}T15:00:00.000Z`);
    expect(await sweep()).toMatchObject({ dropped: 1, started: 0 });
    expect(await renewalsDue()).toEqual([]);
  });
});

describe("the renewal's steps and ends", () => {
  beforeEach(async () => {
    await activeWithWaiver();
    office.now = new Date(`${DUE}T15:00:00.000Z`);
    office.sent.splice(0);
  });

  it("asks the partner for the waived item alone, and the officer reviews it on the renewal's page", async () => {
    const asked = await office.open("vetting-renewal");
    expect(asked.mail.subject).toMatch(/^Vetting: 1 checklist item needed for /);
    expect(asked.mail.text).toContain(
      "References: the office let it wait until January 15, 2027 (“Referees are away until January”).",
    );
    expect(asked.mail.text).toContain("If nothing is sent by then, the partnership is recorded as at risk");
    expect(asked.mail.text).not.toContain("Liability insurance");
    const page = await office.show(asked);
    expect(page.body).toContain("The office waived this until");
    expect(page.body).not.toContain('id="item-liability-insurance"');
    const response = await office.post(asked, { action: "send", ...CHECKLIST });
    expect(response.statusCode).toBe(200);

    const review = await office.open("vetting-renewal-review");
    expect(review.mail.subject).toMatch(/^Decision needed: vetting renewal for /);
    const reviewPage = await office.show(review);
    expect(reviewPage.body).toContain("Vetting renewal review:");
    expect(reviewPage.body).toContain("Mark the partnership at risk");
    expect(reviewPage.body).not.toContain("Decline the partnership");
    expect(reviewPage.body).toContain('id="item-references"');
    expect(reviewPage.body).not.toContain('id="item-organisation-legitimacy"');
  });

  it("renewed: recorded once per round, the contact told, no waiver's renewal left scheduled", async () => {
    await office.decide("vetting-renewal", { action: "send", ...CHECKLIST });
    await office.decide("vetting-renewal-review", allVerified(["references"]));
    office.sent.splice(0);
    await renewal("vetting-renewed");
    await renewal("vetting-renewed");
    const renewed = (await office.events()).filter((e) => e.type === "VettingRenewed");
    expect(renewed).toEqual([
      expect.objectContaining({ step: REVETTING_STATE.recordRenewal, data: { round: DUE } }),
    ]);
    expect(office.sent.map((m) => [m.to, m.subject])).toEqual([
      [[office.intake.contact.email], expect.stringMatching(/^Vetting renewed for the /)],
    ]);
    expect((await office.partnership()).stage).toBe("ACTIVE");
    // No waiver left: the next round is the evidence's, before it expires.
    expect(await renewalsDue()).toEqual([
      { partnershipId: P, kind: "vetting-renewal", dueOn: EVIDENCE_NOTICE },
    ]);
  });

  it("waived again at the renewal: the next renewal is scheduled for the new end", async () => {
    await office.decide("vetting-renewal", { action: "send", ...CHECKLIST });
    await office.decide("vetting-renewal-review", {
      ...allVerified(["references"]),
      "references.verdict": "waived",
      "references.reason": "One referee still away",
      "references.until": "2027-03-01",
    });
    await renewal("vetting-renewed");
    expect(await renewalsDue()).toEqual([{ partnershipId: P, kind: "vetting-renewal", dueOn: "2027-03-02" }]);
  });

  it("the officer marks it at risk: recorded with the reason, the contact and the office told", async () => {
    await office.decide("vetting-renewal", { action: "send", ...CHECKLIST });
    await office.decide("vetting-renewal-review", {
      ...allVerified(["references"]),
      outcome: "decline",
      comment: "The references could not be reached",
    });
    office.sent.splice(0);
    await renewal("at-risk", "The references could not be reached");
    await renewal("at-risk", "The references could not be reached");
    const marked = (await office.events()).filter((e) => e.type === "PartnershipAtRisk");
    expect(marked.map((e) => e.data)).toEqual([
      { round: DUE, reason: "declined", comment: "The references could not be reached" },
    ]);
    // One email each: the partner's without the office's internal id, the office's with it.
    expect(office.sent.map((m) => m.to)).toEqual([
      [office.intake.contact.email],
      [office.config.OFFICE_EMAIL],
    ]);
    expect(office.sent[0]?.text).toContain("The officer's reason: The references could not be reached");
    expect(office.sent[0]?.text).not.toContain(P);
    expect(office.sent[1]?.text).toContain(P);
    expect((await office.partnership()).stage).toBe("ACTIVE");
  });

  it("time ran out: at risk, recorded as not given in time", async () => {
    await renewal("at-risk");
    const marked = (await office.events()).filter((e) => e.type === "PartnershipAtRisk");
    expect(marked.map((e) => e.data)).toEqual([{ round: DUE, reason: "not-given" }]);
    expect(office.sent[0]?.text).toContain("The items were not given in time.");
  });
});

describe("the renewal's ends, as the reviews found them", () => {
  const twoWaivers = {
    ...allVerified(),
    "references.verdict": "waived",
    "references.reason": "Referees are away until January",
    "references.until": WAIVED_UNTIL,
    "liability-insurance.verdict": "waived",
    "liability-insurance.reason": "Policy renews in February",
    "liability-insurance.until": "2027-02-20",
  };

  async function activeWithTwoWaivers() {
    await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
    await office.decide("vetting-review", twoWaivers);
    await office.move("vetted", STATE.confirmVetting);
    await office.move("authority-confirmed", STATE.prepareForSigning);
    await office.move("activated", STATE.activatePartnership);
  }

  it("the vetting's email tells the partner what was waived, why and until when, with the officer's comment", async () => {
    await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
    await office.decide("vetting-review", twoWaivers);
    office.sent.splice(0);
    await recordOutcome(
      office.deps(),
      { partnershipId: P, outcome: "vetted", comment: "Thank you, nearly all in order" },
      STATE.confirmVetting,
    );
    const [mail] = office.sent;
    expect(mail?.subject).toMatch(/^Vetting is complete/);
    expect(mail?.text).toContain(
      "References can wait until January 15, 2027 (“Referees are away until January”). We will ask for it again after that date.",
    );
    expect(mail?.text).toContain("Liability insurance can wait until February 20, 2027");
    expect(mail?.text).toContain("The officer's comment: “Thank you, nearly all in order”");
  });

  it("a round that ends at risk still renews the other waiver when it ends", async () => {
    await activeWithTwoWaivers();
    office.now = new Date(`${DUE}T15:00:00.000Z`);
    expect(await sweep()).toMatchObject({ started: 1 });
    await office.decide("vetting-renewal", { action: "send", ...CHECKLIST });
    await renewal("at-risk", "The references could not be reached");
    expect(await renewalsDue()).toEqual([{ partnershipId: P, kind: "vetting-renewal", dueOn: "2027-02-21" }]);
  });

  it("renewed with a waiver granted again: recorded with its end, and the partner told when it will be asked", async () => {
    await activeWithWaiver();
    office.now = new Date(`${DUE}T15:00:00.000Z`);
    await office.decide("vetting-renewal", { action: "send", ...CHECKLIST });
    await office.decide("vetting-renewal-review", {
      ...allVerified(["references"]),
      "references.verdict": "waived",
      "references.reason": "One referee still away",
      "references.until": "2027-03-01",
    });
    office.sent.splice(0);
    await renewal("vetting-renewed");
    const renewed = (await office.events()).filter((e) => e.type === "VettingRenewed");
    expect(renewed.map((e) => e.data)).toEqual([{ round: DUE, waivedUntil: "2027-03-01" }]);
    expect(office.sent[0]?.text).toContain("Some were waived again, until March 1, 2027");
  });

  it("the review's time ran out (after its escalation): the office is told, the partner who answered is not", async () => {
    await activeWithWaiver();
    office.now = new Date(`${DUE}T15:00:00.000Z`);
    await office.decide("vetting-renewal", { action: "send", ...CHECKLIST });
    office.sent.splice(0);
    await recordOutcome(
      office.deps(),
      { partnershipId: P, outcome: "at-risk", reason: "review-overdue", round: DUE },
      REVETTING_STATE.reviewOverdue,
    );
    const marked = (await office.events()).filter((e) => e.type === "PartnershipAtRisk");
    expect(marked.map((e) => e.data)).toEqual([{ round: DUE, reason: "review-overdue" }]);
    expect(office.sent.map((m) => [m.to, m.subject])).toEqual([
      [[office.config.OFFICE_EMAIL], expect.stringMatching(/^Vetting renewal not reviewed: /)],
    ]);
    expect(office.sent[0]?.text).toContain("The partner was not told: they did their part.");
  });

  it("an escalated review goes to someone other than the officer whose time ran out", async () => {
    await activeWithWaiver();
    office.now = new Date(`${DUE}T15:00:00.000Z`);
    await office.decide("vetting-renewal", { action: "send", ...CHECKLIST });
    const first = await office.open("vetting-renewal-review", { reviewer: "assigned" });
    const second = await office.open("vetting-renewal-review", { reviewer: "escalated" });
    expect(second.decision.assignee).not.toBe(first.decision.assignee);
    expect(second.mail.to).toEqual([second.decision.assignee]);
  });

  it("a renewal's failure is recorded once per round, apart from the onboarding's, and named as the renewal's", async () => {
    await activeWithWaiver();
    const fail = (round?: string) =>
      recordFailure(
        office.deps(),
        { partnershipId: P, error: "States.TaskFailed", cause: "boom", ...(round ? { round } : {}) },
        REVETTING_STATE.recordWorkflowFailure,
      );
    office.sent.splice(0);
    await fail(DUE);
    await fail(DUE);
    await fail("2027-03-02");
    const failed = (await office.events()).filter((e) => e.type === "WorkflowFailed");
    expect(failed.map((e) => [e.data.round, e.data.workflow, e.data.from])).toEqual([
      // The first moves the active partnership to NEEDS_ATTENTION (issue 13: a failed workflow keeps no stage).
      [DUE, "vetting-renewal", "ACTIVE"],
      // Another round's, on a partnership that needs attention already: recorded, the stage kept, no one told.
      ["2027-03-02", "vetting-renewal", undefined],
    ]);
    expect((await office.partnership()).stage).toBe("NEEDS_ATTENTION");
    expect(office.sent.map((m) => [m.to, m.subject])).toEqual([
      [[office.config.LEAD_EMAIL], expect.stringMatching(/^Needs attention: /)],
    ]);
  });

  it("the partner's status page reads the renewal's ends, and no 'declined' for an at-risk review", () => {
    const atRisk = EVENTS.PartnershipAtRisk.forPartner?.({
      round: DUE,
      reason: "declined",
      comment: "Lapsed",
    });
    expect(atRisk).toMatch(/^The partnership is at risk: the office could not accept the checklist items/);
    expect(EVENTS.PartnershipAtRisk.forPartner?.({ round: DUE, reason: "review-overdue" })).toBeUndefined();
    expect(EVENTS.VettingRenewed.forPartner?.({ round: DUE })).toMatch(/your vetting is up to date/);
    const reviewed = {
      kind: "vetting-renewal-review",
      decisionId: "D",
      outcome: "decline",
      comment: "Lapsed",
    };
    expect(EVENTS.VettingReviewed.forPartner?.(reviewed as never)).toBeUndefined();
    expect(EVENTS.VettingReviewed.forPartner?.({ ...reviewed, kind: "vetting-review" } as never)).toMatch(
      /^Declined after vetting/,
    );
  });
});
