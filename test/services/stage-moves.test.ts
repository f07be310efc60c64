/**
 * recordOutcome's stage moves between the onboarding's later steps, on the in-memory repository: each move
 * checked by the lifecycle and recorded once, who is told, and the exits from the later stages.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Stage } from "#shared/domain/lifecycle.ts";
import { type Outcome, recordOutcome } from "#shared/services/workflow-steps.ts";
import { STATE } from "#workflows/onboarding/states.ts";
import { Office, P } from "../fixtures/onboarding-office.ts";

let office: Office;

beforeEach(async () => {
  office = await Office.approved();
});

/** The partnership moved on to `stage` as the workflow moves it; the mailbox emptied. */
async function at(stage: Stage) {
  if (stage !== "VETTING") await office.move("vetted", STATE.confirmVetting);
  if (stage === "SIGNING") await office.move("authority-confirmed", STATE.prepareForSigning);
  office.sent.splice(0);
}

const changesAfter = async (stage: Stage) => {
  const all = await stageChanges();
  return all.slice(all.findIndex(([, to]) => to === stage) + 1);
};

const stageChanges = async () =>
  (await office.events())
    .filter((e) => e.type === "StageChanged")
    .map((e) => [e.data.from, e.data.to, e.step]);

describe("recordOutcome between the later steps", () => {
  it.each<[Outcome, Stage, Stage, string, RegExp | undefined]>([
    ["vetted", "VETTING", "CONFIRMING_AUTHORITY", STATE.confirmVetting, /^Vetting is complete for the /],
    [
      "authority-confirmed",
      "CONFIRMING_AUTHORITY",
      "SIGNING",
      STATE.prepareForSigning,
      /^The agreement for the .* is being prepared$/,
    ],
    // Activation's email is the agreement's delivery, after it (DeliverSignedAgreement).
    ["activated", "SIGNING", "ACTIVE", STATE.activatePartnership, undefined],
  ])(
    "%s moves %s to %s, records it once, and tells the contact of it once",
    async (outcome, from, to, state, subject) => {
      await at(from);
      await office.move(outcome, state);
      expect((await office.partnership()).stage).toBe(to);
      // The stage's event, then the email about it once sent (EmailSent), and the next review's schedule.
      const last = (await office.events()).findLast(
        (e) => e.type !== "EmailSent" && e.type !== "ScheduleSet",
      );
      expect(last).toMatchObject({
        type: "StageChanged",
        actor: "system:workflow",
        step: state,
        data: { from, to, outcome },
      });
      // The partner's contact hears of the stage: the next step's email goes to someone else (the signatory).
      expect(office.sent.map((m) => [m.to, m.subject])).toEqual(
        subject ? [[[office.intake.contact.email], expect.stringMatching(subject)]] : [],
      );
      // A repeat (a retried task) finds the move made, and tells nobody again.
      await office.move(outcome, state);
      expect(await changesAfter(from)).toEqual([[from, to, state]]);
      expect(office.sent).toHaveLength(subject ? 1 : 0);
    },
  );

  it("activated schedules the next review a cadence after today, recorded once however often it is retried", async () => {
    await at("SIGNING");
    await office.move("activated", STATE.activatePartnership);
    await office.move("activated", STATE.activatePartnership);
    const scheduled = (await office.events()).filter((e) => e.type === "ScheduleSet");
    // No agreement issued in this ledger: the deployment's cadence (12 months).
    expect(scheduled.map((e) => [e.data, e.step])).toEqual([
      [{ kind: "review", dueOn: "2027-11-23" }, STATE.activatePartnership],
    ]);
    expect(await office.repository.listDueSchedules("2099-12-31", 10)).toEqual([
      { partnershipId: P, kind: "review", dueOn: "2027-11-23" },
    ]);
  });

  it("refuses a move the lifecycle does not allow (activating before signing)", async () => {
    await expect(office.move("activated", STATE.activatePartnership)).rejects.toMatchObject({
      name: "IllegalTransitionError",
    });
    expect((await office.partnership()).stage).toBe("VETTING");
    expect(await stageChanges()).toEqual([]);
  });

  it.each<Stage>(["VETTING", "CONFIRMING_AUTHORITY", "SIGNING"])(
    "from %s, a decline ends the onboarding and tells the partner why",
    async (stage) => {
      await at(stage);
      await recordDecline("The insurance does not cover placements");
      expect((await office.partnership()).stage).toBe("DECLINED");
      expect(office.sent).toHaveLength(1);
      expect(office.sent[0]?.to).toEqual([office.intake.contact.email]);
      expect(office.sent[0]?.text).toContain("The insurance does not cover placements");
    },
  );

  it.each<Stage>(["VETTING", "CONFIRMING_AUTHORITY", "SIGNING"])(
    "from %s, a step that timed out expires the partnership, and the office is told",
    async (stage) => {
      await at(stage);
      await office.move("expired", STATE.expireUndecided);
      expect((await office.partnership()).stage).toBe("EXPIRED");
      expect(await changesAfter(stage)).toEqual([[stage, "EXPIRED", STATE.expireUndecided]]);
      expect(office.sent.map((m) => m.to)).toEqual([["office@example.org"]]);
    },
  );
});

async function recordDecline(comment: string) {
  await recordOutcome(
    office.deps(),
    { partnershipId: P, outcome: "declined", comment },
    STATE.declinePartnership,
  );
}
