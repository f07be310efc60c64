/**
 * The renewal of the vetting when a waiver ends, on the in-memory repository: the schedule the vetting's pass
 * sets, the sweep that starts the renewal once the partnership is active, the renewal's two steps (the same
 * pages and events as the vetting's), and its two ends, each recorded once per round.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { startVettingRenewals } from "#shared/services/start-vetting-renewals.ts";
import type { RenewalOutcome } from "#shared/services/workflow-steps.ts";
import { recordOutcome } from "#shared/services/workflow-steps.ts";
import { STATE } from "#workflows/onboarding/states.ts";
import { REVETTING_STATE } from "#workflows/revetting/states.ts";
import { allVerified, CHECKLIST, Office, P } from "../fixtures/onboarding-office.ts";

let office: Office;
let started: { partnershipId: string; round: string }[];
let failStart: boolean;

const WAIVED_UNTIL = "2027-01-15";
const DUE = "2027-01-16";

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
  });

  it("a vetting passed with every item verified schedules nothing", async () => {
    await office.vet();
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([]);
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
    expect(await sweep()).toMatchObject({ started: 1, waiting: 0 });
    expect(started).toEqual([{ partnershipId: P, round: DUE }]);
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
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([]);
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
    expect(asked.mail.subject).toMatch(/^Vetting: the waiver has ended for 1 checklist item of /);
    expect(asked.mail.text).toContain("The items asked for: References.");
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

  it("renewed: recorded once per round, the contact told, no renewal left scheduled", async () => {
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
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([]);
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
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([
      { partnershipId: P, kind: "vetting-renewal", dueOn: "2027-03-02" },
    ]);
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
    expect(office.sent).toHaveLength(1);
    expect(office.sent[0]?.to).toEqual([office.intake.contact.email, office.config.OFFICE_EMAIL]);
    expect(office.sent[0]?.text).toContain("The officer's reason: The references could not be reached");
    expect((await office.partnership()).stage).toBe("ACTIVE");
  });

  it("time ran out: at risk, recorded as not given in time", async () => {
    await renewal("at-risk");
    const marked = (await office.events()).filter((e) => e.type === "PartnershipAtRisk");
    expect(marked.map((e) => e.data)).toEqual([{ round: DUE, reason: "expired" }]);
    expect(office.sent[0]?.text).toContain("The items were not given in time.");
  });
});
